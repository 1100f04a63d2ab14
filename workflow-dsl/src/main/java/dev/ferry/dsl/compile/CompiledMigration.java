package dev.ferry.dsl.compile;

import dev.ferry.asl.StateMachine;
import dev.ferry.dsl.graph.MigrationGraph;
import java.nio.charset.StandardCharsets;

/** A migration and the state machine compiled from it, with its JSON definition. */
public record CompiledMigration(MigrationGraph graph, StateMachine machine, String json) {

  public int sizeBytes() {
    return json.getBytes(StandardCharsets.UTF_8).length;
  }
}
