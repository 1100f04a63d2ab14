package dev.ferry.cli;

import dev.ferry.contract.Trigger;
import dev.ferry.dsl.graph.MigrationGraph;
import dev.ferry.dsl.validate.Warning;
import dev.ferry.dsl.validate.Warnings;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;

/** Prints the compiler's warnings to standard error, after what a command does: they never change its exit code. */
final class CompileWarnings {
  private CompileWarnings() {}

  static void print(PrintWriter err, String command, List<Warning> warnings) {
    warnings.forEach(w -> err.println("ferry " + command + ": " + w));
    err.flush();
  }

  /** The warnings of a migration deployed or exported, as a scheduled one when {@code scheduled}, whatever it declares. */
  static List<Warning> of(MigrationGraph graph, boolean scheduled) {
    return Warnings.of(graph, scheduled ? Set.of(Trigger.SCHEDULE) : Set.of());
  }
}
