package dev.ferry.cli;

import dev.ferry.deploy.FerryException;
import dev.ferry.deploy.demo.DemoScenario;
import dev.ferry.deploy.local.LocalSettings;
import dev.ferry.deploy.local.LocalTarget;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ferry demo}: the shipped PostgreSQL upgrade, run twice on the local target, checked. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = {
    "Run postgres-schema-upgrade locally against an embedded PostgreSQL with sample data and a writer:",
    "run 1 upgrades V1 to V2; run 2 upgrades to V3 with a fault injected at verify and rolls back.",
    "Prints the audit trail and the database checks; exit 0 only when both runs end as expected and every check holds."})
final class DemoCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--local-dir", paramLabel = "DIR", defaultValue = ".ferry/demo",
      description = "state folder, emptied first and kept afterwards (default: ${DEFAULT-VALUE})")
  Path directory;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Instant started = Instant.now();
    try {
      empty(directory);
      DemoScenario.Report report;
      try (LocalTarget local = LocalTarget.open(LocalSettings.in(directory))) {
        report = DemoScenario.run(local, out);
      }
      out.println();
      out.println("Audit trail (" + report.audit().size() + " rows):");
      Tables.print(out, List.of("AT", "EXECUTION", "STEP", "KIND", "PHASE", "ERROR"), report.audit().stream()
          .map(r -> List.of(r.at(), r.entry().split("#", 2)[0], r.step(), r.kind(), r.phase(), r.error())).toList());
      out.println();
      out.println("Checks:");
      for (DemoScenario.Check check : report.checks()) {
        out.println("  " + (check.ok() ? "ok    " : "FAILED") + "  " + check.name() + ": " + check.detail());
      }
      out.println();
      long seconds = Duration.between(started, Instant.now()).toSeconds();
      if (report.passed()) {
        out.println("demo passed in " + seconds + " s. Look around: ferry audit " + DemoScenario.DATABASE
            + " --local --local-dir " + directory + "  (also status, history)");
        out.flush();
        return 0;
      }
      out.flush();
      err.println("ferry demo: " + report.checks().stream().filter(c -> !c.ok()).count() + " check(s) failed (listed above)");
      err.println("  the state of the runs is kept in " + directory + " for a look with ferry audit|status|history --local");
      err.flush();
      return 1;
    } catch (FerryException e) {
      return fail(err, e.getMessage(), e.hint());
    } catch (TimeoutException e) {
      return fail(err, e.getMessage(), "the machine may be overloaded; run ferry demo again");
    } catch (SQLException e) {
      return fail(err, "the embedded PostgreSQL failed: " + e.getMessage(), "run ferry demo again; if it persists, delete " + directory);
    } catch (IOException e) {
      return fail(err, "cannot prepare " + directory + ": " + e.getMessage(), "check that the folder is writable, or pass --local-dir");
    }
  }

  private static int fail(PrintWriter err, String message, String hint) {
    err.println("ferry demo: " + message);
    err.println("  " + hint);
    err.flush();
    return 1;
  }

  private static void empty(Path directory) throws IOException {
    if (Files.exists(directory)) {
      try (Stream<Path> paths = Files.walk(directory)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
