package dev.ferry.dsl.compile;

import dev.ferry.asl.StateMachine;
import dev.ferry.dsl.graph.MigrationGraph;
import dev.ferry.dsl.validate.Warning;
import dev.ferry.dsl.validate.Warnings;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A migration and the state machine compiled from it.
 *
 * @param json the definition, pretty-printed: for files and review
 * @param compactJson the same definition without whitespace: what targets submit, and what the 1 MB
 *     limit is checked against
 * @param structure what each state is, and each step's states by role: what tools read instead of
 *     the states' comments
 */
public record CompiledMigration(MigrationGraph graph, StateMachine machine, String json, String compactJson,
    MachineStructure structure) {

  /** The size Step Functions compares with its limit: the compact definition in UTF-8. */
  public int sizeBytes() {
    return compactJson.getBytes(StandardCharsets.UTF_8).length;
  }

  /** What the compiler points out without refusing: the risks of how the migration declares it is started. */
  public List<Warning> warnings() {
    return Warnings.of(graph);
  }
}
