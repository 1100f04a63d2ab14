package dev.ferry.worlds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.cli.Ferry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * {@code ferry rehearse <seed runbook> --faults all}, in-process, through the same entry point as the
 * command line: every run passes, every work step is run with at least six faults, an approval
 * is rejected and left to time out, and a second run on the migrated world finds nothing to do.
 */
class SeedRehearsalsTest {

  @ParameterizedTest
  @ValueSource(strings = {"metaflow-service-upgrade", "aurora-restore-pipeline-upgrade", "pachyderm-major-migration"})
  void everyFaultAtEveryStepLeavesTheWorldWhole(String migration) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Ferry.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute("rehearse", migration, "--faults", "all");
    System.out.println(out);

    List<String> rows = out.toString().lines().filter(l -> l.matches("^\\S+\\s+[a-z-]+\\s+(pass|FAIL)\\s+[A-Z].*")).toList();
    Map<String, Set<String>> faultsPerStep = new TreeMap<>();
    rows.stream().map(r -> r.split("\\s+")).filter(r -> !r[0].equals("(none)"))
        .forEach(r -> faultsPerStep.computeIfAbsent(r[0], s -> new TreeSet<>()).add(r[1]));
    assertThat(rows).as("runs that failed a check").allMatch(r -> r.matches("^\\S+\\s+\\S+\\s+pass\\s.*"));
    assertThat(faultsPerStep).as("faults per step").isNotEmpty().allSatisfy((step, faults) -> {
      if (faults.stream().anyMatch(f -> f.startsWith("approval-"))) {
        // An approval waits for an answer: its faults are the answers that do not come.
        assertThat(faults).containsExactly("approval-rejected", "approval-timeout");
      } else {
        assertThat(faults).as(step).hasSizeGreaterThanOrEqualTo(6);
      }
    });
    assertThat(faultsPerStep.get(SecondRun.check(migration))).as("a run on the world the fault-free run migrated")
        .contains("already-done");
    assertThat(out.toString().strip().lines().toList().getLast()).isEqualTo(rows.size() + " passed, 0 failed");
    assertThat(code).as(err.toString()).isZero();
  }
}
