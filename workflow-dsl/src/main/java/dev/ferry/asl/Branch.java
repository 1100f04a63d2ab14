package dev.ferry.asl;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** One branch of a Parallel state. */
public record Branch(Optional<String> comment, String startAt, Map<String, State> states) implements StateScope {

    public Branch {
        comment = Values.optional(comment);
        Objects.requireNonNull(startAt, "startAt");
        states = Values.states(states);
    }

    public static Builder builder(String startAt) {
        return new Builder(startAt);
    }

    public static final class Builder {
        private final String startAt;
        private final Map<String, State> states = new LinkedHashMap<>();
        private String comment;

        private Builder(String startAt) {
            this.startAt = Objects.requireNonNull(startAt, "startAt");
        }

        public Builder comment(String comment) {
            this.comment = comment;
            return this;
        }

        /** Adds a state; states are written in the order added. A second state of the same name is refused. */
        public Builder state(String name, State state) {
            Scopes.put(states, name, state);
            return this;
        }

        public Branch build() {
            return new Branch(Optional.ofNullable(comment), startAt, states);
        }
    }
}
