package dev.ferry.asl;

import java.util.Optional;

/** One state of a state machine, branch or item processor; its name is its key in the enclosing States. */
public sealed interface State
        permits PassState, TaskState, ChoiceState, WaitState, SucceedState, FailState, ParallelState, MapState {

    Optional<String> comment();

    /** The state's own QueryLanguage; empty means it inherits the machine's. */
    Optional<QueryLanguage> queryLanguage();

    /** The ASL {@code Type}. */
    default String type() {
        return switch (this) {
            case PassState s -> "Pass";
            case TaskState s -> "Task";
            case ChoiceState s -> "Choice";
            case WaitState s -> "Wait";
            case SucceedState s -> "Succeed";
            case FailState s -> "Fail";
            case ParallelState s -> "Parallel";
            case MapState s -> "Map";
        };
    }
}
