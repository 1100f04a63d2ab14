package dev.ferry.cli;

import dev.ferry.deploy.ArnContext;
import dev.ferry.deploy.CompiledMachine;
import dev.ferry.deploy.PolicyDeriver;
import dev.ferry.deploy.Wildcard;
import dev.ferry.dsl.MigrationDefinition;
import dev.ferry.dsl.compile.CompiledMigration;
import dev.ferry.dsl.compile.Compiler;
import dev.ferry.dsl.plan.MigrationPlan;
import dev.ferry.dsl.plan.Planner;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ferry plan <migration>}: the steps in order with their kinds, which run while the service
 * is paused, the compensation that follows each failure point, and the state transitions of the
 * happy and worst failure paths against the cost target. Exit code 1 when the target is not met.
 */
@Command(name = "plan", description = "Show what a migration does, what each failure undoes, and what a run costs in state transitions.")
final class PlanCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "MIGRATION", description = "the migration to plan (see ferry list)")
  String migration;

  @Override
  public Integer call() {
    MigrationDefinition definition = Migrations.named(migration, spec);
    CompiledMigration compiled = Compiler.compile(definition.graph());
    MigrationPlan plan = Planner.plan(compiled);
    TransitionTarget target = TransitionTarget.of(compiled.graph());
    PrintWriter out = spec.commandLine().getOut();
    plan.describe().forEach(out::println);
    target.describe(plan).forEach(out::println);
    printWildcards(out, CompiledMachine.of(compiled));
    out.flush();
    return target.met(plan) ? 0 : 1;
  }

  /** The permissions of the machine's role that cannot name exact resources, as ferry deploy would grant them. */
  private static void printWildcards(PrintWriter out, CompiledMachine machine) {
    List<Wildcard> wildcards = PolicyDeriver.derive(machine, ArnContext.CLOUDFORMATION).wildcards();
    if (wildcards.isEmpty()) {
      out.println("Permissions: every statement of the machine's role names exact resources (no wildcards).");
      return;
    }
    out.println("Permissions that cannot be narrowed to exact resources:");
    for (Wildcard w : wildcards) {
      out.println("  " + w.action() + " on " + w.resource() + " (state " + w.state() + ": " + w.reason() + ")");
    }
  }
}
