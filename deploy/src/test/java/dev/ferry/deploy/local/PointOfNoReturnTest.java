package dev.ferry.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.deploy.AuditRow;
import dev.ferry.deploy.InputDocument;
import dev.ferry.deploy.Progress;
import dev.ferry.deploy.StartRequest;
import dev.ferry.deploy.StuckLock;
import dev.ferry.engine.ExecutionResult;
import dev.ferry.engine.ExecutionStatus;
import dev.ferry.tasks.local.LocalSecrets;
import dev.ferry.tasks.local.LocalWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Past the last verify the safe move is forward: a resume that keeps failing after the schema
 * change was verified is retried, then ends the run with Ferry.Incomplete, lock kept and the writers
 * named as left paused, and the snapshot is never restored.
 */
class PointOfNoReturnTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aResumeFailureAfterAPassedVerifyNeverRestoresTheSnapshot() throws Exception {
    try (LocalTarget local = LocalTarget.open(LocalSettings.temporary())) {
      OrdersDb.atVersionOne(local);
      local.faults().inject("ferry-writers-resume", Fault.fail("Ferry.WriterNotFound", "the writer's service is gone (injected)"));

      ObjectNode parameters = JSON.createObjectNode().put("dbInstanceIdentifier", "orders-db")
          .put("secretArn", LocalSecrets.arnFor("orders-db")).put("targetVersion", "2");
      parameters.putArray("writers").addObject().put("type", "local").put("name", "orders-db-writer");
      parameters.putObject("expectedColumns").putArray("orders").add("status");
      LocalRun run = local.run(new StartRequest("postgres-schema-upgrade",
          new InputDocument("orders-db", "test", "api", parameters), Optional.of("resume-fails")));
      ExecutionResult result = run.await(Duration.ofMinutes(3));

      assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(result.error()).isEqualTo("Ferry.Incomplete");
      assertThat(local.faults().calls("ferry-writers-resume")).as("the resume was retried").isEqualTo(4);
      assertThat(OrdersDb.schemaVersion(local)).as("the verified change stands: no snapshot restored").isEqualTo("2");
      List<AuditRow> rows = run.auditRows();
      assertThat(rows).extracting(AuditRow::phase).doesNotContain("COMPENSATING", "COMPENSATED");
      assertThat(rows).extracting(r -> r.step() + " " + r.phase())
          .containsSubsequence("verify-schema SUCCEEDED", "resume-writers STARTED", "resume-writers FAILED", "run FAILED");
      assertThat(rows.getLast().error()).isEqualTo("Ferry.Incomplete");
      assertThat(rows.getLast().cause()).contains("left undone: resume-writers");

      Progress progress = local.store().requireProgress("orders-db");
      assertThat(progress.status()).isEqualTo("INCOMPLETE");
      assertThat(progress.leftUndone()).containsExactly("resume-writers");
      assertThat(progress.lockHolder()).as("the lock is kept").hasValue(run.id());
      assertThat(local.writers().get("orders-db-writer").state()).as("left paused, as the status says")
          .isNotEqualTo(LocalWriter.State.RUNNING);
      assertThat(StuckLock.of(local.status("orders-db"), local)).hasValueSatisfying(l -> assertThat(l.progressStatus())
          .isEqualTo("INCOMPLETE"));
    }
  }
}
