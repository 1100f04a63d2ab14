package dev.ferry.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.deploy.CompiledMachine;
import dev.ferry.deploy.DeployRequest;
import dev.ferry.dsl.Migration;
import dev.ferry.dsl.Step;
import dev.ferry.dsl.compile.Compiler;
import dev.ferry.engine.ExecutionResult;
import dev.ferry.engine.ExecutionStatus;
import dev.ferry.engine.HistoryEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * On the virtual clock: an approval waits two hours, with Ferry's default ten-minute heartbeat. A
 * wait whose record was lost fails within the heartbeat, in Ferry's words; an intact one is
 * heartbeaten by the local target well past several heartbeats, then approved.
 */
class ApprovalHeartbeatTest {

  private static final Duration TIMEOUT = Duration.ofHours(2);

  private static CompiledMachine approvalOnly() {
    return CompiledMachine.parse("approve-cutover", Compiler.compile(Migration.named("approve-cutover")
        .step(Step.approval("approve-cutover", "Cut over to the new cluster?").timeout(TIMEOUT))
        .build()).json());
  }

  @Test
  void aLostCallbackFailsWithinTheHeartbeatAndAnIntactOneWaitsUntilApproved() throws Exception {
    try (LocalTarget local = LocalTarget.open(LocalSettings.temporary().withVirtualClock())) {
      local.ensureInfrastructure(new DeployRequest(approvalOnly(), Optional.empty(), List.of(), Optional.empty()));

      LocalRun lost = ApproveCutoverRuns.start(local, "cluster-a");
      ApproveCutoverRuns.awaitPending(local, "cluster-a");
      Instant asked = lost.execution().history().getLast().timestamp();
      // The record of the wait is lost: the row's pending approval is overwritten.
      local.store().clearApproval("cluster-a", local.store().pendingApproval("cluster-a").token());
      local.advanceClock(Duration.ofMinutes(11));

      ExecutionResult failed = lost.await(Duration.ofMinutes(1));
      assertThat(failed.status()).as("%s", failed).isEqualTo(ExecutionStatus.FAILED);
      assertThat(failed.error()).as("reported in Ferry's words, as an unanswered approval").isEqualTo("Ferry.ApprovalTimedOut");
      assertThat(lost.execution().history()).extracting(HistoryEvent::type).contains("TaskTimedOut");
      assertThat(lost.execution().history()).anySatisfy(e -> assertThat(String.valueOf(e.detail("error")))
          .isEqualTo("States.HeartbeatTimeout"));
      Instant ended = lost.execution().history().getLast().timestamp();
      assertThat(Duration.between(asked, ended)).as("within the heartbeat, not the two-hour timeout")
          .isLessThanOrEqualTo(Duration.ofMinutes(11));

      LocalRun intact = ApproveCutoverRuns.start(local, "cluster-b");
      ApproveCutoverRuns.awaitPending(local, "cluster-b");
      for (int i = 0; i < 5; i++) {
        local.advanceClock(Duration.ofMinutes(9));
      }
      assertThat(intact.status()).as("45 minutes, four heartbeats' worth, later it still waits").isEqualTo(ExecutionStatus.RUNNING);
      assertThat(local.store().pendingApproval("cluster-b").step()).isEqualTo("approve-cutover");

      local.approve("cluster-b", "alice@example.com", "dashboards green");
      ExecutionResult approved = intact.await(Duration.ofMinutes(1));
      assertThat(approved.status()).as("%s", approved).isEqualTo(ExecutionStatus.SUCCEEDED);
    }
  }
}
