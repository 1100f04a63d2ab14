package dev.ferry.asl;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The states a Map state runs for each item (ItemProcessor, or the older Iterator). */
public record ItemProcessor(
        Optional<String> comment,
        Optional<ProcessorConfig> processorConfig,
        String startAt,
        Map<String, State> states) implements StateScope {

    public ItemProcessor {
        comment = Values.optional(comment);
        processorConfig = Values.optional(processorConfig);
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
        private ProcessorConfig processorConfig;

        private Builder(String startAt) {
            this.startAt = Objects.requireNonNull(startAt, "startAt");
        }

        public Builder comment(String comment) {
            this.comment = comment;
            return this;
        }

        public Builder processorConfig(ProcessorConfig processorConfig) {
            this.processorConfig = processorConfig;
            return this;
        }

        /** Adds a state; states are written in the order added. A second state of the same name is refused. */
        public Builder state(String name, State state) {
            Scopes.put(states, name, state);
            return this;
        }

        public ItemProcessor build() {
            return new ItemProcessor(Optional.ofNullable(comment), Optional.ofNullable(processorConfig), startAt, states);
        }
    }
}
