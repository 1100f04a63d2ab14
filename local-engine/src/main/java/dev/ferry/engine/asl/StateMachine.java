package dev.ferry.engine.asl;

import java.util.Map;

/** A parsed state machine, or a Parallel branch, or a Map's item processor. */
public record StateMachine(String startAt, Map<String, State> states, boolean jsonata, Integer timeoutSeconds) {

  public State state(String name) {
    return states.get(name);
  }
}
