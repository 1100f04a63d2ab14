package dev.ferry.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
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

    public static final class Builder {
        private String comment;
        private QueryLanguage queryLanguage;
        private DataPath inputPath;
        private DataPath outputPath;
        private JsonNode output;

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

        public SucceedState build() {
            return new SucceedState(Optional.ofNullable(comment), Optional.ofNullable(queryLanguage), Optional.ofNullable(inputPath), Optional.ofNullable(outputPath), Optional.ofNullable(output));
        }
    }
}
