package dev.ferry.worlds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.cli.Ferry;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** {@code ferry plan} of every shipped migration says when a run finds nothing to do, and runs that check first. */
class AlreadyDonePlansTest {

  @ParameterizedTest
  @ValueSource(strings = {"postgres-schema-upgrade", "metaflow-service-upgrade", "aurora-restore-pipeline-upgrade",
      "pachyderm-major-migration"})
  void thePlanShowsTheAlreadyDoneCheck(String migration) {
    StringWriter out = new StringWriter();
    CommandLine cli = Ferry.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(new StringWriter(), true));
    int code = cli.execute("plan", migration);

    String check = SecondRun.check(migration);
    assertThat(code).as(out.toString()).isZero();
    assertThat(out.toString().lines())
        .contains(String.format("  %3d. %-8s %s", 1, "guard", check))
        .anySatisfy(line -> assertThat(line).startsWith("Already done: when " + check + " finds ")
            .endsWith(", the run succeeds right after the lock, changing nothing"));
  }
}
