package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.deploy.load.UserClasses;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ferry start --local} with a migration from the user's class path, on the real local
 * target: its secret filled from the target, and a failed run told in sentences.
 */
class StartLocalUserMigrationTest {

  @TempDir Path dir;

  @Test
  void aUsersMigrationRunsLocallyAndItsFailureReadsAsSentences() throws Exception {
    Path classes = UserClasses.in(dir.resolve("project")).migration("OrdersCheck", "orders-check").compile();
    CliRun run = CliRun.of("start", "orders-db", "--local", "--local-dir", dir.resolve("state").toString(),
        "--migration", "orders-check", "--classpath", classes.toString(), "--local-database", "orders-db");
    assertThat(run.out()).as(run.err())
        .contains("secretArn: arn:aws:secretsmanager:local:000000000000:secret:orders-db (the local secret of database orders-db")
        .contains("verify-schema  STARTED");
    // An empty database has no schema version 1: the verify step's expectation fails the run.
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("FAILED: Ferry.")
        .containsPattern("\n  Step verify-schema \\(verify\\) failed: [^\n]+\\.\n")
        .contains("Nothing was undone")
        .doesNotContain("stackTrace").doesNotContain("\\\"");
  }
}
