package dev.ferry.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** A Succeed state: ends its scope successfully. */
public record SucceedState(
        Optional<String> comment,
        Optional<QueryLanguage> queryLanguage,
        Optional<DataPath> inputPath,
        Optional<DataPath> outputPath,
        Optional<JsonNode> output) implements State {

    public SucceedState {
        comment = Values.optional(comment);
        queryLanguage = Values.optional(queryLanguage);
        inputPath = Values.optional(inputPath);
        outputPath = Values.optional(outputPath);
        output = Values.json(output);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder extends StateBuilders.Data<Builder> {
        private Builder() {}

        @Override
        Builder self() {
            return this;
        }

        public SucceedState build() {
            return new SucceedState(Optional.ofNullable(comment), Optional.ofNullable(queryLanguage), Optional.ofNullable(inputPath), Optional.ofNullable(outputPath), Optional.ofNullable(output));
        }
    }
}
