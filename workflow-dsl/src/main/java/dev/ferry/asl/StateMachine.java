package dev.ferry.asl;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A whole ASL definition: the top-level scope plus the machine-wide fields. */
public record StateMachine(
        Optional<String> comment,
        Optional<QueryLanguage> queryLanguage,
        String startAt,
        Map<String, State> states,
        Optional<Integer> timeoutSeconds,
        Optional<String> version) implements StateScope {

    public StateMachine {
        comment = Values.optional(comment);
        queryLanguage = Values.optional(queryLanguage);
        Objects.requireNonNull(startAt, "startAt");
        states = Values.states(states);
        timeoutSeconds = Values.optional(timeoutSeconds);
        version = Values.optional(version);
    }

    /** The query language states use when they do not name one (JSONPath unless the machine says otherwise). */
    public QueryLanguage defaultQueryLanguage() {
        return queryLanguage.orElse(QueryLanguage.JSONPATH);
    }

    public static Builder builder(String startAt) {
        return new Builder(startAt);
    }

    public static final class Builder {
        private final String startAt;
        private final Map<String, State> states = new LinkedHashMap<>();
        private String comment;
        private QueryLanguage queryLanguage;
        private Integer timeoutSeconds;
        private String version;

        private Builder(String startAt) {
            this.startAt = Objects.requireNonNull(startAt, "startAt");
        }

        public Builder comment(String comment) {
            this.comment = comment;
            return this;
        }

        public Builder queryLanguage(QueryLanguage queryLanguage) {
            this.queryLanguage = queryLanguage;
            return this;
        }

        /** Adds a state; states are written in the order added. A second state of the same name is refused. */
        public Builder state(String name, State state) {
            Scopes.put(states, name, state);
            return this;
        }

        public Builder timeoutSeconds(int seconds) {
            this.timeoutSeconds = seconds;
            return this;
        }

        public Builder version(String version) {
            this.version = version;
            return this;
        }

        public StateMachine build() {
            return new StateMachine(Optional.ofNullable(comment), Optional.ofNullable(queryLanguage), startAt, states,
                    Optional.ofNullable(timeoutSeconds), Optional.ofNullable(version));
        }
    }
}
