package dev.ferry.deploy.rehearse;

import static dev.ferry.dsl.Ref.param;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.ferry.dsl.Backoff;
import dev.ferry.dsl.BackupStep;
import dev.ferry.dsl.Condition;
import dev.ferry.dsl.Expect;
import dev.ferry.dsl.Migration;
import dev.ferry.dsl.MigrationValidationException;
import dev.ferry.dsl.Parameter;
import dev.ferry.dsl.Poll;
import dev.ferry.dsl.Step;
import dev.ferry.dsl.compile.Compiler;
import dev.ferry.dsl.graph.MigrationGraph;
import dev.ferry.dsl.tasks.FerryTasks;
import dev.ferry.dsl.tasks.SchemaVerify;
import dev.ferry.dsl.tasks.SnapshotCreate;
import dev.ferry.dsl.tasks.SnapshotState;
import dev.ferry.dsl.tasks.SnapshotStatus;
import dev.ferry.engine.Execution;
import dev.ferry.engine.ExecutionResult;
import dev.ferry.engine.ExecutionStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A 48-hour snapshot on the virtual clock, and a polling loop the compiler refuses. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LongWaitTest {

  private static final int HISTORY_LIMIT = 25_000;

  private MachineRig rig;

  @BeforeAll
  void start() {
    rig = MachineRig.start(slowSnapshotMigration());
  }

  @AfterAll
  void stop() {
    rig.close();
  }

  /**
   * The shipped migration's snapshot, schema change and verify, with a snapshot poll that may wait
   * three days (the shipped one gives up after 12 hours).
   */
  private static MigrationGraph slowSnapshotMigration() {
    return Migration.named("slow-snapshot-upgrade")
        .parameter(Parameter.string("dbInstanceIdentifier"))
        .parameter(Parameter.string("secretArn"))
        .parameter(Parameter.object("writers"))
        .parameter(Parameter.string("targetVersion").defaultValue("3"))
        .step(Step.backup("snapshot-database")
            .invoke(FerryTasks.snapshotCreate().dbInstanceIdentifier(param("dbInstanceIdentifier")))
            .pollUntil(self -> Poll.with(FerryTasks.snapshotStatus()
                    .snapshotId(self.output(SnapshotCreate.SNAPSHOT_ID)).cluster(false))
                .until(Condition.equals(SnapshotStatus.STATUS, SnapshotState.AVAILABLE))
                .every(Duration.ofSeconds(30))
                .timeout(Duration.ofHours(72))
                .backoff(Backoff.doublingUpTo(Duration.ofMinutes(30)))))
        .step(Step.upgrade("apply-schema-migrations")
            .invoke(FerryTasks.schemaMigrate().secretArn(param("secretArn")).location("classpath:db/demo")
                .targetVersion(param("targetVersion"))))
        .step(Step.verify("verify-schema")
            .invoke(FerryTasks.schemaVerify().secretArn(param("secretArn")).expectedVersion(param("targetVersion")))
            .expect(Expect.isTrue(SchemaVerify.OK)))
        .build();
  }

  @Test
  void aSnapshotThatTakes48HoursCompletesUnderTheHistoryLimit() {
    Instant ready = MachineRig.CLOCK_START.plus(Duration.ofHours(48));
    rig.overrides.put("ferry-db-snapshot-status", payload -> {
      ObjectNode status = MachineRig.JSON.createObjectNode();
      status.set("snapshotId", payload.get("snapshotId"));
      status.put("status", rig.engine.now().isBefore(ready) ? "creating" : "available");
      return status;
    });

    Execution execution = rig.start("slow-snapshot", MachineRig.validInput("orders-db"));
    ExecutionResult result = execution.await(Duration.ofMinutes(2));

    assertThat(result.status()).as("%s: %s", result.error(), result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(rig.engine.now()).isAfterOrEqualTo(ready);
    long statusCalls = rig.calls.stream().filter(c -> c.function().equals("ferry-db-snapshot-status")).count();
    assertThat(statusCalls).as("status calls over 48 hours").isGreaterThan(48);
    assertThat(execution.history()).hasSizeLessThan(HISTORY_LIMIT);
    assertThat(rig.calls).extracting(MachineRig.Call::function).contains("ferry-schema-migrate", "ferry-schema-verify");
  }

  @Test
  void aPollThatCouldExceedTheHistoryLimitIsRejectedAtCompileTime() {
    Poll every30s = Poll.with(FerryTasks.snapshotStatus().snapshotId("snap-1"))
        .until(Condition.equals(SnapshotStatus.STATUS, SnapshotState.AVAILABLE)).every(Duration.ofSeconds(30)).timeout(Duration.ofHours(48));
    Migration migration = longPoll(Step.backup("wait-snapshot").pollUntil(every30s));

    MigrationValidationException e = catchThrowableOfType(MigrationValidationException.class,
        () -> Compiler.compile(migration.build()));

    assertThat(e.getMessage()).contains(
        "step 'wait-snapshot': polling loop can exceed the 25,000-event execution history",
        "Polling every 30 s for up to 172800 s makes 5761 calls",
        "(limit 25000)");

    BackupStep withBackoff = Step.backup("wait-snapshot").pollUntil(every30s.backoff(Backoff.doublingUpTo(Duration.ofMinutes(30))));
    assertThat(Compiler.compile(longPoll(withBackoff).build()).json()).contains("wait-snapshot");
  }

  private static Migration longPoll(BackupStep poll) {
    return Migration.named("long-poll")
        .parameter(Parameter.string("secretArn"))
        .step(poll)
        .step(Step.upgrade("apply-schema")
            .invoke(FerryTasks.schemaMigrate().secretArn(param("secretArn")).location("classpath:db/demo").targetVersion("3")))
        .step(Step.verify("verify-schema")
            .invoke(FerryTasks.schemaVerify().secretArn(param("secretArn")).expectedVersion("3"))
            .expect(Expect.isTrue(SchemaVerify.OK)));
  }
}
