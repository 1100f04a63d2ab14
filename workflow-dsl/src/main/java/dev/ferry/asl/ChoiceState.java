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

    public static final class Builder extends StateBuilders.Assigning<Builder> {
        private final List<ChoiceRule> choices = new ArrayList<>();
        private String defaultState;

        private Builder() {}

        @Override
        Builder self() {
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

        public ChoiceState build() {
            return new ChoiceState(Optional.ofNullable(comment), Optional.ofNullable(queryLanguage), Optional.ofNullable(inputPath), choices, Optional.ofNullable(defaultState), Optional.ofNullable(outputPath), Optional.ofNullable(output), Optional.ofNullable(assign));
        }
    }
}
