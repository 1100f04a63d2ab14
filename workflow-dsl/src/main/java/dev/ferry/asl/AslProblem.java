package dev.ferry.asl;

import java.util.Objects;

/**
 * One structural problem in a definition. {@code statePath} names the state through its enclosing
 * Parallel branches and Map processors ({@code "Copy/Branches[1]/Clone bucket"},
 * {@code "Each table/ItemProcessor/Verify"}); it is empty for problems of the machine as a whole.
 * The message names the state, the rule broken and what to change.
 */
public record AslProblem(String statePath, String message) {

    public AslProblem {
        Objects.requireNonNull(statePath, "statePath");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return message;
    }
}
