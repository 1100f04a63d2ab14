package dev.ferry.asl;

import java.util.Optional;

/** A Map state's ItemProcessor.ProcessorConfig: inline or distributed, and the child execution type. */
public record ProcessorConfig(Optional<Mode> mode, Optional<ExecutionType> executionType) {

    public enum Mode {
        INLINE,
        DISTRIBUTED
    }

    public enum ExecutionType {
        STANDARD,
        EXPRESS
    }

    public ProcessorConfig {
        mode = Optional.ofNullable(mode).flatMap(m -> m);
        executionType = Optional.ofNullable(executionType).flatMap(e -> e);
    }

    public static ProcessorConfig inline() {
        return new ProcessorConfig(Optional.of(Mode.INLINE), Optional.empty());
    }

    public static ProcessorConfig distributed(ExecutionType executionType) {
        return new ProcessorConfig(Optional.of(Mode.DISTRIBUTED), Optional.of(executionType));
    }
}
