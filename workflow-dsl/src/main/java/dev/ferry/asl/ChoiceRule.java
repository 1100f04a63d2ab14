package dev.ferry.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/** A top-level entry of a Choice state's Choices: when {@code condition} holds, go to {@code next}. */
public record ChoiceRule(
        Condition condition,
        String next,
        Optional<String> comment,
        Optional<JsonNode> assign,
        Optional<JsonNode> output) {

    public ChoiceRule {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(next, "next");
        comment = Values.optional(comment);
        assign = Values.json(assign);
        output = Values.json(output);
    }

    public static ChoiceRule of(Condition condition, String next) {
        return builder(condition, next).build();
    }

    public static Builder builder(Condition condition, String next) {
        return new Builder(condition, next);
    }

    public static final class Builder {
        private final Condition condition;
        private final String next;
        private String comment;
        private JsonNode assign;
        private JsonNode output;

        private Builder(Condition condition, String next) {
            this.condition = Objects.requireNonNull(condition, "condition");
            this.next = Objects.requireNonNull(next, "next");
        }

        public Builder comment(String comment) {
            this.comment = comment;
            return this;
        }

        public Builder assign(JsonNode assign) {
            this.assign = assign;
            return this;
        }

        public Builder output(JsonNode output) {
            this.output = output;
            return this;
        }

        public ChoiceRule build() {
            return new ChoiceRule(condition, next, Optional.ofNullable(comment), Optional.ofNullable(assign),
                    Optional.ofNullable(output));
        }
    }
}
