package dev.ferry.dsl.compile;

import dev.ferry.asl.AslJson;
import dev.ferry.asl.StateMachine;
import dev.ferry.dsl.MigrationValidationException;
import dev.ferry.dsl.graph.MigrationGraph;
import dev.ferry.dsl.validate.Rule;
import dev.ferry.dsl.validate.Violation;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Compiles a validated {@link MigrationGraph} to an ASL state machine (JSONPath) and its JSON.
 * Deterministic: the same graph and options give the same bytes.
 */
public final class Compiler {
  /** Step Functions' limit on a definition, in bytes. */
  public static final int MAX_DEFINITION_BYTES = 1_048_576;

  private Compiler() {}

  public static CompiledMigration compile(MigrationGraph graph) {
    return compile(graph, CompileOptions.defaults());
  }

  /**
   * @throws MigrationValidationException when the definition exceeds 1 MB
   */
  public static CompiledMigration compile(MigrationGraph graph, CompileOptions options) {
    StateMachine machine = lower(graph, options);
    String json = AslJson.writeString(machine);
    int bytes = json.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_DEFINITION_BYTES) {
      throw new MigrationValidationException(graph.name(), List.of(new Violation(
          "migration '" + graph.name() + "'", Rule.DEFINITION_TOO_LARGE,
          String.format("The compiled definition is %,d bytes (%d steps); Step Functions accepts at most %,d.",
              bytes, graph.steps().size(), MAX_DEFINITION_BYTES),
          "Split the migration into smaller ones run one after another, or group repeated work into fewer steps.")));
    }
    return new CompiledMigration(graph, machine, json);
  }

  /** The state machine without the size check. */
  public static StateMachine lower(MigrationGraph graph, CompileOptions options) {
    return new Lowering(graph, options).lower();
  }
}
