package dev.ferry.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** A Pass state: passes its input on, optionally shaped or replaced by a fixed {@code Result}. */
public record PassState(
        Optional<String> comment,
        Optional<QueryLanguage> queryLanguage,
        Optional<DataPath> inputPath,
        Optional<JsonNode> parameters,
        Optional<JsonNode> result,
        Optional<DataPath> resultPath,
        Optional<DataPath> outputPath,
        Optional<JsonNode> output,
        Optional<JsonNode> assign,
        Optional<String> next,
        boolean end) implements State {

    public PassState {
        comment = Values.optional(comment);
        queryLanguage = Values.optional(queryLanguage);
        inputPath = Values.optional(inputPath);
        parameters = Values.json(parameters);
        result = Values.json(result);
        resultPath = Values.optional(resultPath);
        outputPath = Values.optional(outputPath);
        output = Values.json(output);
        assign = Values.json(assign);
        next = Values.optional(next);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder extends StateBuilders.Result<Builder> {
        private JsonNode result;

        private Builder() {}

        @Override
        Builder self() {
            return this;
        }

        public Builder result(JsonNode result) {
            this.result = result;
            return this;
        }

        public PassState build() {
            return new PassState(Optional.ofNullable(comment), Optional.ofNullable(queryLanguage), Optional.ofNullable(inputPath), Optional.ofNullable(parameters), Optional.ofNullable(result), Optional.ofNullable(resultPath), Optional.ofNullable(outputPath), Optional.ofNullable(output), Optional.ofNullable(assign), Optional.ofNullable(next), end);
        }
    }
}
