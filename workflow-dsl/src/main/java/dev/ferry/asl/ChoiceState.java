package dev.ferry.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A Choice state: goes to the {@code Next} of the first rule that holds, else to {@code defaultState}. */
public record ChoiceState(
        Optional<String> comment,
        Optional<QueryLanguage> queryLanguage,
        Optional<DataPath> inputPath,
        List<ChoiceRule> choices,
        Optional<String> defaultState,
        Optional<DataPath> outputPath,
        Optional<JsonNode> output,
        Optional<JsonNode> assign) implements State {

    public ChoiceState {
        comment = Values.optional(comment);
        queryLanguage = Values.optional(queryLanguage);
        inputPath = Values.optional(inputPath);
        choices = Values.list(choices);
        defaultState = Values.optional(defaultState);
        outputPath = Values.optional(outputPath);
        output = Values.json(output);
        assign = Values.json(assign);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String comment;
        private QueryLanguage queryLanguage;
        private DataPath inputPath;
        private final List<ChoiceRule> choices = new ArrayList<>();
        private String defaultState;
        private DataPath outputPath;
        private JsonNode output;
        private JsonNode assign;

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

        /** Appends a ChoiceRule; order matters. */
        public Builder choice(ChoiceRule choice) {
            this.choices.add(Objects.requireNonNull(choice, "choice"));
            return this;
        }

        public Builder choices(List<ChoiceRule> choices) {
            choices.forEach(this::choice);
            return this;
        }

        public Builder choice(Condition condition, String next) {
            return choice(ChoiceRule.of(condition, next));
        }

        public Builder defaultState(String defaultState) {
            this.defaultState = defaultState;
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

        public ChoiceState build() {
            return new ChoiceState(Optional.ofNullable(comment), Optional.ofNullable(queryLanguage), Optional.ofNullable(inputPath), choices, Optional.ofNullable(defaultState), Optional.ofNullable(outputPath), Optional.ofNullable(output), Optional.ofNullable(assign));
        }
    }
}
