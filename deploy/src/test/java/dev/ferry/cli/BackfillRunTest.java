package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.deploy.CompiledMachine;
import dev.ferry.deploy.DeployRequest;
import dev.ferry.deploy.InputDocument;
import dev.ferry.deploy.Progress;
import dev.ferry.deploy.StartRequest;
import dev.ferry.deploy.StuckLock;
import dev.ferry.deploy.local.Fault;
import dev.ferry.deploy.local.LocalRun;
import dev.ferry.deploy.local.LocalSettings;
import dev.ferry.deploy.local.LocalTarget;
import dev.ferry.dsl.Condition;
import dev.ferry.dsl.Expect;
import dev.ferry.dsl.Migration;
import dev.ferry.dsl.Parameter;
import dev.ferry.dsl.Poll;
import dev.ferry.dsl.Ref;
import dev.ferry.dsl.Step;
import dev.ferry.dsl.compile.Compiler;
import dev.ferry.dsl.tasks.BackfillBatch;
import dev.ferry.dsl.tasks.FerryTasks;
import dev.ferry.dsl.graph.MigrationGraph;
import dev.ferry.engine.ExecutionResult;
import dev.ferry.engine.ExecutionStatus;
import dev.ferry.tasks.local.LocalSecrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ferry-backfill-batch} driven by a compiled poll loop over 200,000 rows of the embedded
 * PostgreSQL, in batches of 5,000: the process dies right after a call committed its batches, the
 * redrive continues from the committed key, every row is updated exactly once, and {@code ferry
 * status} shows the rows done of the estimate.
 */
class BackfillRunTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ROWS = 200_000;
  private static final int BATCH = 5_000;

  @TempDir Path state;

  @AfterEach
  void serverGone() throws Exception {
    Instant deadline = Instant.now().plusSeconds(30);
    while (Files.exists(state.resolve("dynamodb.endpoint")) && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
    }
  }

  static MigrationGraph backfill() {
    BackfillBatch batch = FerryTasks.backfillBatch().secretArn(Ref.param("secretArn"))
        .table("payments").keyColumn("id")
        .set("touched = touched + 1, currency = upper(currency)")
        .where("currency IS NOT NULL")
        .batchSize(BATCH).maxSecondsPerCall(1).maxBatchesPerCall(4)
        .target(Ref.target());
    return Migration.named("backfill-payments")
        .parameter(Parameter.string("secretArn"))
        .step(Step.upgrade("backfill-currency")
            .withoutBackup("the backfill is resumable and its rows are rewritten in place; the test owns the data")
            .pollUntil(Poll.with(batch)
                .until(Condition.isTrue(BackfillBatch.DONE))
                .every(Duration.ofSeconds(10))
                .timeout(Duration.ofHours(6))))
        .step(Step.verify("backfill-finished")
            .invoke(batch)
            .expect(Expect.isTrue(BackfillBatch.DONE)))
        .build();
  }

  @Test
  void aCrashBetweenBatchesIsRedrivenAndEveryRowIsUpdatedExactlyOnce() throws Exception {
    System.setProperty("ferry.local.dynamodb.linger", "PT1S");
    try (LocalTarget local = LocalTarget.open(LocalSettings.in(state).withVirtualClock())) {
      local.ensureInfrastructure(new DeployRequest(
          CompiledMachine.parse("backfill-payments", Compiler.compile(backfill()).json()), Optional.empty(), List.of(), Optional.empty()));
      local.postgres().createDatabase("payments-db");
      try (Connection c = local.postgres().connect("payments-db"); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE payments (id bigint PRIMARY KEY, currency text, touched int NOT NULL DEFAULT 0)");
        s.execute("INSERT INTO payments (id, currency) SELECT g, CASE WHEN g % 3 = 0 THEN 'eur' ELSE 'usd' END"
            + " FROM generate_series(1, " + ROWS + ") g");
      }
      local.faults().inject("ferry-backfill-batch", new Fault.Crash(1));
      ObjectNode parameters = JSON.createObjectNode().put("secretArn", LocalSecrets.arnFor("payments-db"));
      LocalRun run = local.run(new StartRequest("backfill-payments",
          new InputDocument("payments-db", "test", "api", parameters), Optional.of("nightly")));

      ExecutionResult crashed = run.await(Duration.ofMinutes(5));
      assertThat(crashed.status()).as("%s", crashed).isEqualTo(ExecutionStatus.ABORTED);
      awaitStatus(local, "ABANDONED");
      Progress stuck = local.store().requireProgress("payments-db");
      assertThat(stuck.lockHolder()).as("a run that ended mid-change keeps its lock").hasValue(run.id());
      assertThat(local.audit("payments-db", Optional.of(run.name()))).anySatisfy(r -> {
        assertThat(r.step()).isEqualTo("backfill-currency");
        assertThat(r.phase()).isEqualTo("ABANDONED");
        assertThat(r.error()).isEqualTo("Ferry.ProcessDied");
      });
      assertThat(StuckLock.of(local.status("payments-db"), local)).hasValueSatisfying(l -> {
        assertThat(l.message()).contains("Ferry.LockHeld").contains("ended ABORTED at step backfill-currency");
        assertThat(l.command()).isEqualTo("ferry redrive " + run.id());
      });
      long committed = bookkeeping(local, "rows_done");
      assertThat(committed).as("the first call committed batches before the crash").isBetween((long) BATCH, ROWS - 1L);
      assertThat(count(local, "touched = 1")).isEqualTo(committed);
      assertThat(count(local, "touched = 0")).isEqualTo(ROWS - committed);

      local.redrive(run.name());
      ExecutionResult result = run.await(Duration.ofMinutes(10));

      assertThat(result.status()).as("%s", result).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(local.store().requireProgress("payments-db").lockHolder()).as("released on success").isEmpty();
      assertThat(count(local, "touched = 1")).as("every row updated").isEqualTo(ROWS);
      assertThat(count(local, "touched <> 1")).as("none twice").isZero();
      assertThat(count(local, "currency IN ('EUR', 'USD')")).isEqualTo(ROWS);
      assertThat(bookkeeping(local, "batches")).as("one transaction per batch, plus the empty last one at most")
          .isBetween((long) ROWS / BATCH, (long) ROWS / BATCH + 1);
      assertThat(local.faults().calls("ferry-backfill-batch")).as("several short calls").isGreaterThanOrEqualTo(3);

      Progress progress = local.store().requireProgress("payments-db");
      assertThat(progress.backfill()).hasValueSatisfying(b -> {
        assertThat(b.table()).isEqualTo("payments");
        assertThat(b.rowsDone()).isEqualTo(ROWS);
        assertThat(b.estimatedTotal()).isEqualTo(ROWS);
        assertThat(b.done()).isTrue();
      });
    }
    CliRun status = CliRun.of("status", "payments-db", "--local", "--local-dir", state.toString());
    assertThat(status.out()).as(status.err()).contains("backfill   payments: 200000 of ~200000 rows (100%), done");
  }

  private static void awaitStatus(LocalTarget local, String status) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(30);
    while (!local.store().requireProgress("payments-db").status().equals(status)) {
      assertThat(Instant.now()).as("progress becomes %s", status).isBefore(deadline);
      Thread.sleep(20);
    }
  }

  private static long count(LocalTarget local, String predicate) throws Exception {
    return query(local, "SELECT count(*) FROM payments WHERE " + predicate);
  }

  private static long bookkeeping(LocalTarget local, String column) throws Exception {
    return query(local, "SELECT " + column + " FROM ferry_backfill");
  }

  private static long query(LocalTarget local, String sql) throws Exception {
    try (Connection c = local.postgres().connect("payments-db"); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
