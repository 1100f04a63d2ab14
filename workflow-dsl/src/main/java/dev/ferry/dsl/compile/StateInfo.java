package dev.ferry.dsl.compile;

import java.util.Optional;

/**
 * One generated state, as the compiler made it.
 *
 * @param name the state's name (unique in the machine, parallel branches included)
 * @param role what it does
 * @param step the DSL step it belongs to; empty for the run's own states (input, lock, ends) and
 *     for failure records shared by several steps
 * @param call what it calls, for a Task state
 */
public record StateInfo(String name, StateRole role, Optional<String> step, Optional<Call> call) {}
