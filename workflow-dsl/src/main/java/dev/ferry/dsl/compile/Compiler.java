package dev.ferry.dsl.compile;

import dev.ferry.asl.AslJson;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ferry.asl.State;
import dev.ferry.asl.StateMachine;
import dev.ferry.dsl.MigrationValidationException;
import dev.ferry.dsl.graph.MigrationGraph;
import dev.ferry.dsl.validate.Rule;
import dev.ferry.dsl.validate.Violation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Compiles a validated {@link MigrationGraph} to an ASL state machine (JSONPath) and its JSON.
 * Deterministic: the same graph and options give the same bytes. The 1 MB limit is checked on the
 * compact JSON, which is what targets should submit; the pretty form is for files.
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
    Lowering.CompiledParts parts = new Lowering(graph, options).lower();
    StateMachine machine = parts.machine();
    long bytes = compactSize(machine);
    if (bytes > MAX_DEFINITION_BYTES) {
      throw new MigrationValidationException(graph.name(), List.of(new Violation(
          "migration '" + graph.name() + "'", Rule.DEFINITION_TOO_LARGE,
          String.format("The compiled definition is %,d bytes without whitespace (%d steps); Step Functions accepts at most %,d.",
              bytes, graph.steps().size(), MAX_DEFINITION_BYTES),
          "Split the migration into smaller ones run one after another, or group repeated work into fewer steps.")));
    }
    return new CompiledMigration(graph, machine, AslJson.writeString(machine), AslJson.toTree(machine).toString(),
        parts.structure());
  }

  /**
   * The compact definition's size in UTF-8 bytes, summed state by state so that a definition over
   * the limit is rejected without building it whole (a 10,000-step machine is tens of MB).
   */
  static long compactSize(StateMachine machine) {
    StateMachine shell = new StateMachine(machine.comment(), machine.queryLanguage(), machine.startAt(),
        Map.of(), machine.timeoutSeconds(), machine.version());
    long size = utf8(AslJson.toTree(shell).toString());
    for (Map.Entry<String, State> e : machine.states().entrySet()) {
      size += utf8(JsonNodeFactory.instance.textNode(e.getKey()).toString()) + 1
          + utf8(AslJson.toTree(e.getValue()).toString());
    }
    return size + Math.max(0, machine.states().size() - 1);
  }

  private static long utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  /** The state machine without the size check. */
  public static StateMachine lower(MigrationGraph graph, CompileOptions options) {
    return new Lowering(graph, options).lower().machine();
  }
}
