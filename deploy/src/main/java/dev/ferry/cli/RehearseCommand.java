package dev.ferry.cli;

import dev.ferry.deploy.CompiledMachine;
import dev.ferry.deploy.FerryException;
import dev.ferry.deploy.ShippedMigrations;
import dev.ferry.deploy.TableNames;
import dev.ferry.deploy.load.MigrationCatalog;
import dev.ferry.deploy.local.LocalSettings;
import dev.ferry.deploy.local.LocalTarget;
import dev.ferry.deploy.rehearse.FaultKind;
import dev.ferry.deploy.rehearse.Rehearsal;
import dev.ferry.deploy.rehearse.RehearsalScenario;
import dev.ferry.deploy.rehearse.WorkStep;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ferry rehearse}: the fault matrix of a migration on the local target, each run checked. */
@Command(name = "rehearse", mixinStandardHelpOptions = true, description = {
    "Run a migration on the local target (virtual clock, DynamoDB Local, embedded PostgreSQL) once without",
    "faults, then once per work step and fault, and check after each run: the database is as before or fully",
    "migrated, the paused writer is resumed, the lock is released (or kept as ROLLBACK_FAILED), every step",
    "entered has its audit end row, and every insert the writer had acknowledged is present.",
    "Prints one row per run and 'N passed, N failed'; exits 1 when any check fails."})
final class RehearseCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MIGRATION|FILE.java",
      description = "the migration to rehearse, e.g. postgres-schema-upgrade, or a source file declaring it")
  String migration;

  @Mixin ClassPathOptions classpath;

  @Option(names = "--faults", paramLabel = "all|LIST", defaultValue = "all",
      description = "faults to inject: all, or a comma-separated list of throws, timeout, throttle, record-throttled,"
          + " record-refused, crash (default: ${DEFAULT-VALUE})")
  String faults;

  @Option(names = "--steps", paramLabel = "LIST", split = ",",
      description = "work steps to fault (default: every work step)")
  List<String> steps;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      List<FaultKind> kinds = FaultKind.parse(faults);
      CompiledMachine machine;
      try (MigrationCatalog catalog = classpath.open(migration)) {
        machine = ShippedMigrations.compile(catalog.resolve(migration), TableNames.DEFAULT);
      }
      RehearsalScenario scenario = RehearsalScenario.forMigration(machine.migration());
      List<WorkStep> chosen = chosenSteps(WorkStep.of(machine));
      Rehearsal.Plan plan = new Rehearsal.Plan(machine, TableNames.DEFAULT, scenario, chosen, kinds);
      out.println("rehearsing " + migration + ": " + chosen.size() + " work steps x " + kinds.size() + " faults + 1 fault-free run");
      out.println(row("STEP", "FAULT", "RESULT", "OUTCOME", "CHECKS"));
      out.flush();
      Rehearsal.Report report;
      try (LocalTarget local = LocalTarget.open(LocalSettings.temporary())) {
        report = Rehearsal.run(local, plan, run -> {
          out.println(row(run.step().map(WorkStep::id).orElse("(none)"), run.fault().map(FaultKind::cliName).orElse("none"),
              run.passed() ? "pass" : "FAIL", run.outcome(), checks(run)));
          out.flush();
        });
      }
      out.println(report.passed() + " passed, " + report.failed() + " failed (" + report.runs().size() + " runs in "
          + report.took().toMillis() + " ms)");
      out.flush();
      return report.failed() == 0 ? 0 : 1;
    } catch (FerryException e) {
      err.println("ferry rehearse: " + e.getMessage());
      err.println("  " + e.hint());
      err.flush();
      return e.exitCode();
    } catch (SQLException e) {
      err.println("ferry rehearse: the embedded PostgreSQL failed: " + e.getMessage());
      err.println("  run it again; each rehearsal starts from a fresh temporary PostgreSQL and DynamoDB Local");
      err.flush();
      return 1;
    } catch (TimeoutException e) {
      err.println("ferry rehearse: " + e.getMessage());
      err.println("  a run did not end within its time limit; the machine may be overloaded, run it again");
      err.flush();
      return 1;
    }
  }

  private List<WorkStep> chosenSteps(List<WorkStep> all) {
    if (steps == null || steps.isEmpty()) {
      return all;
    }
    for (String id : steps) {
      if (all.stream().noneMatch(s -> s.id().equals(id))) {
        throw FerryException.badInput("--steps: '" + id + "' is not a work step of " + migration,
            "use some of " + all.stream().map(WorkStep::id).collect(Collectors.joining(", ")));
      }
    }
    return all.stream().filter(s -> steps.contains(s.id())).toList();
  }

  /** Each check as {@code name ok} or {@code name FAILED (detail)}; failures spelled out. */
  private static String checks(Rehearsal.Run run) {
    return run.checks().stream()
        .map(c -> c.ok() ? c.name() + " ok" : c.name() + " FAILED (" + c.detail() + ")")
        .collect(Collectors.joining(", "));
  }

  private static String row(String step, String fault, String result, String outcome, String checks) {
    return String.format("%-24s %-17s %-5s %-62s %s", step, fault, result, outcome, checks);
  }
}
