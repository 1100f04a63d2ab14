package dev.ferry.cli;

import dev.ferry.deploy.FerryException;
import dev.ferry.deploy.ShippedMigrations;
import dev.ferry.deploy.TableNames;
import dev.ferry.deploy.load.MigrationCatalog;
import dev.ferry.deploy.rehearse.FaultKind;
import dev.ferry.deploy.rehearse.Rehearsal;
import dev.ferry.deploy.rehearse.RehearsalMatrix;
import dev.ferry.deploy.rehearse.world.RehearsalWorld;
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
    "Run a migration on the local target (virtual clock, DynamoDB Local, embedded PostgreSQL) against its",
    "rehearsal world once without faults, then once per step and fault, and check after each run: a typed end,",
    "exactly the completed steps compensated in reverse, every pause resumed, the lock released (or kept as",
    "ROLLBACK_FAILED), a complete audit trail, nothing applied twice on redrive, and the world's own invariants.",
    "Prints one row per run, the matrix, and 'N passed, N failed'; exits 1 when any check fails."})
final class RehearseCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MIGRATION|FILE.java",
      description = "the migration to rehearse, e.g. postgres-schema-upgrade, or a source file declaring it")
  String migration;

  @Mixin ClassPathOptions classpath;

  @Option(names = "--faults", paramLabel = "all|LIST", defaultValue = "all",
      description = "faults to inject: all, or a comma-separated list of throws, timeout, throttle, record-throttled,"
          + " record-refused, crash, compensation-fails, partial-pause, approval-rejected, approval-timeout,"
          + " already-done (default: ${DEFAULT-VALUE})")
  String faults;

  @Option(names = "--steps", paramLabel = "LIST", split = ",",
      description = "steps to fault (default: every step that calls a function)")
  List<String> steps;

  @Option(names = "--parallel", paramLabel = "N", description = "runs at once (default: the number of cores, at least 2)")
  Integer parallel;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    // The user's classes stay loaded while the runs call their world's handlers.
    try (MigrationCatalog catalog = classpath.open(migration)) {
      MigrationCatalog.Found found = catalog.resolve(migration);
      Rehearsal.Plan plan = Rehearsal.Plan.everything(ShippedMigrations.compile(found, TableNames.DEFAULT),
          RehearsalWorld.forMigration(found.name(), catalog.classLoader())).withFaults(FaultKind.parse(faults));
      if (steps != null && !steps.isEmpty()) {
        plan = plan.atSteps(steps);
      }
      if (parallel != null) {
        plan = plan.withParallelism(parallel);
      }
      int runs = plan.matrix().size() + 1;
      out.println("rehearsing " + found.name() + ": " + runs + " runs (" + plan.steps().size() + " steps x the faults each admits"
          + " + 1 fault-free), " + (plan.world().parallel() ? plan.parallelism() : 1) + " at once");
      out.println(row("STEP", "FAULT", "RESULT", "OUTCOME", "CHECKS"));
      out.flush();
      Rehearsal.Report report = Rehearsal.run(plan, run -> {
        out.println(row(run.step().orElse("(none)"), run.fault().map(FaultKind::cliName).orElse("none"),
            run.passed() ? "pass" : "FAIL", run.outcome(), checks(run)));
        out.flush();
      });
      out.println();
      RehearsalMatrix.of(plan, report).forEach(out::println);
      out.println();
      out.println(report.runs().size() + " runs in " + report.took().toMillis() + " ms");
      out.println(report.passed() + " passed, " + report.failed() + " failed");
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
    } catch (Exception e) {
      err.println("ferry rehearse: the rehearsal could not run: " + e);
      err.println("  check the migration's world (its seed, stand-ins and input) and run it again");
      err.flush();
      return 1;
    }
  }

  /** Each check as {@code name ok} or {@code name FAILED (detail)}; failures spelled out. */
  private static String checks(Rehearsal.Run run) {
    return run.checks().stream()
        .map(c -> c.ok() ? c.name() + " ok" : c.name() + " FAILED (" + c.detail() + ")")
        .collect(Collectors.joining(", "));
  }

  private static String row(String step, String fault, String result, String outcome, String checks) {
    return String.format("%-24s %-18s %-5s %-62s %s", step, fault, result, outcome, checks);
  }
}
