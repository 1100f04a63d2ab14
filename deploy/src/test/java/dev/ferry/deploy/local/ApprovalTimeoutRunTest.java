package dev.ferry.deploy.local;

import static dev.ferry.dsl.Ref.param;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.deploy.AuditRow;
import dev.ferry.deploy.CompiledMachine;
import dev.ferry.deploy.DeployRequest;
import dev.ferry.deploy.InputDocument;
import dev.ferry.deploy.Progress;
import dev.ferry.deploy.StartRequest;
import dev.ferry.dsl.ApprovalStep;
import dev.ferry.dsl.ApprovalTimeout;
import dev.ferry.dsl.BackupStep;
import dev.ferry.dsl.Condition;
import dev.ferry.dsl.Expect;
import dev.ferry.dsl.Migration;
import dev.ferry.dsl.Parameter;
import dev.ferry.dsl.PauseStep;
import dev.ferry.dsl.Poll;
import dev.ferry.dsl.Step;
import dev.ferry.dsl.UndoWhen;
import dev.ferry.dsl.compile.Compiler;
import dev.ferry.dsl.tasks.FerryTasks;
import dev.ferry.dsl.tasks.SchemaVerify;
import dev.ferry.dsl.tasks.SnapshotCreate;
import dev.ferry.dsl.tasks.SnapshotRestore;
import dev.ferry.dsl.tasks.SnapshotState;
import dev.ferry.dsl.tasks.SnapshotStatus;
import dev.ferry.dsl.tasks.WritersPause;
import dev.ferry.engine.ExecutionResult;
import dev.ferry.engine.ExecutionStatus;
import dev.ferry.tasks.local.LocalSecrets;
import dev.ferry.tasks.local.LocalWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * An approval nobody answers, on the local target's virtual clock, against a real PostgreSQL and a
 * real writer: declared to fail before any change, the run ends Ferry.ApprovalTimedOut with no
 * pause, no snapshot, no schema change and the lock released; left to roll back (the default),
 * the same timeout after the pause and snapshot resumes the writers and ends with the same error.
 */
class ApprovalTimeoutRunTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofHours(2);

  /** A schema upgrade that asks first ({@code asksFirst}) or once the writers are paused and the database snapshotted. */
  private static CompiledMachine schemaUpgrade(String name, ApprovalStep approval, boolean asksFirst) {
    PauseStep pause = Step.pause("pause-writers")
        .invoke(FerryTasks.writersPause().writers(param("writers")))
        .compensatedBy(self -> Step.resume("resume-paused-writers")
            .invoke(FerryTasks.writersResume().paused(self.output(WritersPause.PAUSED))));
    BackupStep snapshot = Step.backup("snapshot-database")
        .invoke(FerryTasks.snapshotCreate().dbInstanceIdentifier(param("dbInstanceIdentifier")))
        .pollUntil(self -> Poll.with(FerryTasks.snapshotStatus().snapshotId(self.output(SnapshotCreate.SNAPSHOT_ID)).cluster(false))
            .until(Condition.equals(SnapshotStatus.STATUS, SnapshotState.AVAILABLE))
            .every(Duration.ofSeconds(30)).timeout(Duration.ofHours(1)));
    Step apply = Step.upgrade("apply-schema-migrations")
        .invoke(FerryTasks.schemaMigrate().secretArn(param("secretArn")).location("classpath:db/demo")
            .targetVersion(param("targetVersion")))
        .compensatedBy(Step.rollback("restore-snapshot")
            .pollUntil(Poll.with(FerryTasks.snapshotRestore().snapshotId(snapshot.output(SnapshotCreate.SNAPSHOT_ID))
                    .dbInstanceIdentifier(param("dbInstanceIdentifier")))
                .until(Condition.isTrue(SnapshotRestore.DONE)).every(Duration.ofSeconds(30)).timeout(Duration.ofHours(1))),
            UndoWhen.STARTED);
    Step verify = Step.verify("verify-schema")
        .invoke(FerryTasks.schemaVerify().secretArn(param("secretArn")).expectedVersion(param("targetVersion")))
        .expect(Expect.isTrue(SchemaVerify.OK));
    Step resume = Step.resume("resume-writers")
        .invoke(FerryTasks.writersResume().paused(pause.output(WritersPause.PAUSED))).resumes(pause);
    List<Step> steps = new ArrayList<>(List.of(pause, snapshot, apply, verify, resume));
    steps.add(asksFirst ? 0 : 2, approval);
    return CompiledMachine.parse(name, Compiler.compile(Migration.named(name)
        .parameter(Parameter.string("dbInstanceIdentifier"))
        .parameter(Parameter.string("secretArn"))
        .parameter(Parameter.string("targetVersion"))
        .parameter(Parameter.objectList("writers"))
        .steps(steps)
        .build()).json());
  }

  private static ApprovalStep approval() {
    return Step.approval("approve-upgrade", "Upgrade the orders schema tonight?").timeout(WAIT);
  }

  @Test
  void anUnansweredApprovalThatComesFirstEndsTheRunChangingNothingAndReleasesTheLock() throws Exception {
    try (LocalTarget local = LocalTarget.open(LocalSettings.temporary())) {
      LocalWriter writer = OrdersDb.atVersionOne(local);
      local.ensureInfrastructure(new DeployRequest(schemaUpgrade("ask-first-upgrade",
          approval().onTimeout(ApprovalTimeout.FAIL_BEFORE_CHANGE), true), Optional.empty(), List.of(), Optional.empty()));
      List<String> databases = local.postgres().databases();

      LocalRun run = local.run(request("ask-first-upgrade", "night-1"));
      awaitPending(local, run);
      local.advanceClock(WAIT.plusMinutes(1));
      ExecutionResult result = run.await(Duration.ofMinutes(2));

      assertThat(result.status()).as("%s", result).isEqualTo(ExecutionStatus.FAILED);
      assertThat(result.error()).isEqualTo("Ferry.ApprovalTimedOut");
      List<AuditRow> rows = run.auditRows();
      assertThat(rows).extracting(r -> r.step() + " " + r.phase())
          .containsExactly("run STARTED", "approve-upgrade STARTED", "approve-upgrade FAILED", "run FAILED");
      assertThat(rows.get(2).error()).as("the step row keeps what the engine reported").startsWith("States.");
      assertThat(rows.getLast().error()).isEqualTo("Ferry.ApprovalTimedOut");
      assertThat(writer.stops()).as("no pause").isZero();
      assertThat(writer.state()).isEqualTo(LocalWriter.State.RUNNING);
      assertThat(local.postgres().databases()).as("no snapshot").isEqualTo(databases);
      assertThat(OrdersDb.schemaVersion(local)).as("no change").isEqualTo("1");
      Progress progress = local.store().requireProgress("orders-db");
      assertThat(progress.lockHolder()).as("released").isEmpty();
      assertThat(progress.pendingApproval()).as("nothing left waiting for ferry approve").isEmpty();

      LocalRun next = local.run(request("ask-first-upgrade", "night-2"));
      awaitPending(local, next);
      assertThat(local.store().requireProgress("orders-db").lockHolder()).as("the next run takes the lock").isPresent();
      local.approve("orders-db", "alice@example.com", "go");
      assertThat(next.await(Duration.ofMinutes(3)).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(OrdersDb.schemaVersion(local)).isEqualTo("2");
    }
  }

  @Test
  void anUnansweredApprovalAfterChangesRollsThemBackAndEndsWithTheSameError() throws Exception {
    try (LocalTarget local = LocalTarget.open(LocalSettings.temporary())) {
      LocalWriter writer = OrdersDb.atVersionOne(local);
      local.ensureInfrastructure(new DeployRequest(schemaUpgrade("ask-late-upgrade", approval(), false),
          Optional.empty(), List.of(), Optional.empty()));

      LocalRun run = local.run(request("ask-late-upgrade", "night-1"));
      awaitPending(local, run);
      assertThat(writer.state()).as("paused while it waits").isEqualTo(LocalWriter.State.STOPPED);
      local.advanceClock(WAIT.plusMinutes(1));
      ExecutionResult result = run.await(Duration.ofMinutes(2));

      assertThat(result.error()).as("%s", result).isEqualTo("Ferry.ApprovalTimedOut");
      assertThat(run.auditRows()).extracting(r -> r.step() + " " + r.phase()).containsSubsequence(
          "approve-upgrade FAILED", "pause-writers COMPENSATING", "pause-writers COMPENSATED", "run FAILED");
      assertThat(run.auditRows().getLast().error()).isEqualTo("Ferry.ApprovalTimedOut");
      assertThat(writer.stops()).isEqualTo(1);
      assertThat(writer.state()).as("resumed by the rollback").isEqualTo(LocalWriter.State.RUNNING);
      assertThat(OrdersDb.schemaVersion(local)).isEqualTo("1");
      assertThat(local.store().requireProgress("orders-db").lockHolder()).isEmpty();
      assertThat(local.store().requireProgress("orders-db").pendingApproval()).isEmpty();
    }
  }

  private static StartRequest request(String migration, String requestId) {
    ObjectNode parameters = JSON.createObjectNode().put("dbInstanceIdentifier", "orders-db")
        .put("secretArn", LocalSecrets.arnFor("orders-db")).put("targetVersion", "2");
    parameters.putArray("writers").addObject().put("type", "local").put("name", "orders-db-writer");
    return new StartRequest(migration, new InputDocument("orders-db", "schedule", "schedule", parameters), Optional.of(requestId));
  }

  /** Until {@code run} (not an earlier, timed-out run) waits at its approval. */
  private static void awaitPending(LocalTarget local, LocalRun run) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(120);
    while (local.store().progress("orders-db").filter(p -> p.execution().endsWith(run.name()))
        .flatMap(Progress::pendingApproval).isEmpty()) {
      assertThat(Instant.now()).as("the run waits for approval").isBefore(deadline);
      Thread.sleep(20);
    }
  }
}
