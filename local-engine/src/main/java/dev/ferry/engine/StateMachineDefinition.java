package dev.ferry.engine;

import dev.ferry.engine.asl.StateMachine;

/**
 * A definition parsed and checked once, as {@code CreateStateMachine} does, to start many
 * executions from: {@link LocalEngine#createStateMachine}.
 */
public final class StateMachineDefinition {
  private final String name;
  private final StateMachine machine;

  StateMachineDefinition(String name, StateMachine machine) {
    this.name = name;
    this.machine = machine;
  }

  public String name() {
    return name;
  }

  StateMachine machine() {
    return machine;
  }
}
