package dev.ferry.dsl;

import dev.ferry.dsl.graph.MigrationGraph;

/** A definition registered in the test resources' service file. */
public final class ExampleDefinition implements MigrationDefinition {
  @Override
  public MigrationGraph graph() {
    return Examples.postgresSchemaUpgrade().build();
  }
}
