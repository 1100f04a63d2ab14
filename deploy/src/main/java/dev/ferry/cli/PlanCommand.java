package dev.ferry.cli;

import dev.ferry.deploy.ArnContext;
import dev.ferry.deploy.CompiledMachine;
import dev.ferry.deploy.MigrationPermissions;
import dev.ferry.deploy.TableNames;
import dev.ferry.deploy.TaskFunctions;
import dev.ferry.deploy.load.MigrationCatalog;
import dev.ferry.dsl.compile.CompiledMigration;
import dev.ferry.dsl.compile.Compiler;
import dev.ferry.dsl.plan.MigrationPlan;
import dev.ferry.dsl.plan.Planner;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  @Mixin ClassPathOptions classpath;

  @Parameters(paramLabel = "MIGRATION|FILE.java", description = "the migration to plan (see ferry list), or a source file declaring it")
  String migration;

  @Override
  public Integer call() {
    try (MigrationCatalog catalog = classpath.open(migration)) {
      return plan(catalog.resolve(migration));
    }
  }

  private int plan(MigrationCatalog.Found definition) {
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

  static final String WILDCARDS_HEADING = "Permissions that cannot be narrowed to exact resources:";

  /** The permissions of the machine's and task functions' roles that cannot name exact resources, as ferry deploy grants them. */
  private static void printWildcards(PrintWriter out, CompiledMachine machine) {
    MigrationPermissions permissions = MigrationPermissions.derive(machine, TaskFunctions.deployedFor(machine),
        TableNames.DEFAULT, ArnContext.UNRESOLVED);
    if (permissions.wildcards().isEmpty()) {
      out.println("Permissions: every statement of the machine's and task functions' roles names exact resources (no wildcards).");
      return;
    }
    out.println(WILDCARDS_HEADING);
    permissions.wildcardLines().forEach(out::println);
  }
}
