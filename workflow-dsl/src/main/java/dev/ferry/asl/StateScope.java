package dev.ferry.asl;

import java.util.Map;
import java.util.Optional;

/**
 * A set of states with a start: the machine itself, a Parallel branch or a Map item processor.
 * Transitions (Next, Default, Catch Next) stay inside one scope.
 */
public sealed interface StateScope permits StateMachine, Branch, ItemProcessor {

    Optional<String> comment();

    String startAt();

    /** The states in definition order. */
    Map<String, State> states();
}
