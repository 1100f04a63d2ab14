package dev.ferry.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
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

    public static final class Builder {
        private String comment;
        private QueryLanguage queryLanguage;
        private DataPath inputPath;
        private JsonNode parameters;
        private JsonNode result;
        private DataPath resultPath;
        private DataPath outputPath;
        private JsonNode output;
        private JsonNode assign;
        private String next;
        private boolean end;

        private Builder() {}

        public Builder comment(String comment) {
            this.comment = comment;
            return this;
        }

        public Builder queryLanguage(QueryLanguage queryLanguage) {
            this.queryLanguage = queryLanguage;
            return this;
        }

        public Builder inputPath(String inputPath) {
            this.inputPath = DataPath.of(inputPath);
            return this;
        }

        /** Sets the path, or JSON null with {@link DataPath#nullPath()}. */
        public Builder inputPath(DataPath inputPath) {
            this.inputPath = inputPath;
            return this;
        }

        public Builder parameters(JsonNode parameters) {
            this.parameters = parameters;
            return this;
        }

        public Builder result(JsonNode result) {
            this.result = result;
            return this;
        }

        public Builder resultPath(String resultPath) {
            this.resultPath = DataPath.of(resultPath);
            return this;
        }

        /** Sets the path, or JSON null with {@link DataPath#nullPath()}. */
        public Builder resultPath(DataPath resultPath) {
            this.resultPath = resultPath;
            return this;
        }

        public Builder outputPath(String outputPath) {
            this.outputPath = DataPath.of(outputPath);
            return this;
        }

        /** Sets the path, or JSON null with {@link DataPath#nullPath()}. */
        public Builder outputPath(DataPath outputPath) {
            this.outputPath = outputPath;
            return this;
        }

        public Builder output(JsonNode output) {
            this.output = output;
            return this;
        }

        public Builder assign(JsonNode assign) {
            this.assign = assign;
            return this;
        }

        public Builder next(String next) {
            this.next = next;
            return this;
        }

        /** Marks this state as the last of its scope. */
        public Builder end() {
            this.end = true;
            return this;
        }

        public PassState build() {
            return new PassState(Optional.ofNullable(comment), Optional.ofNullable(queryLanguage), Optional.ofNullable(inputPath), Optional.ofNullable(parameters), Optional.ofNullable(result), Optional.ofNullable(resultPath), Optional.ofNullable(outputPath), Optional.ofNullable(output), Optional.ofNullable(assign), Optional.ofNullable(next), end);
        }
    }
}
