package dev.ferry.dsl.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.dsl.ApprovalStep;
import dev.ferry.dsl.Examples;
import dev.ferry.dsl.Migration;
import dev.ferry.dsl.Step;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Approval tasks carry HeartbeatSeconds, and a heartbeat that stopped ends the wait as its timeout does. */
class ApprovalHeartbeatCompileTest {

  private static JsonNode approvalState(ApprovalStep step) throws Exception {
    return new ObjectMapper().readTree(Compiler.compile(Migration.named("approve-only").step(step).build()).json())
        .get("States").get("Approve cutover");
  }

  @Test
  void anApprovalGetsTheDefaultHeartbeatAndCatchesItsTimeoutAsItsTimeout() throws Exception {
    JsonNode approval = new ObjectMapper().readTree(Compiler.compile(Examples.everyFeature().build()).json())
        .get("States").get("Approve disable");

    assertThat(approval.get("TimeoutSeconds").asInt()).isEqualTo(12 * 3600);
    assertThat(approval.get("HeartbeatSeconds").asInt()).isEqualTo(600);
    assertThat(approval.get("Catch")).anySatisfy(c ->
        assertThat(c.get("ErrorEquals")).extracting(JsonNode::asText).containsExactly("States.Timeout", "States.HeartbeatTimeout"));
  }

  @Test
  void aStepSetsItsOwnHeartbeatAndAShortWaitNeedsNone() throws Exception {
    ApprovalStep approval = Step.approval("approve-cutover", "Cut over?").timeout(Duration.ofHours(4));
    assertThat(approvalState(approval.heartbeat(Duration.ofMinutes(30))).get("HeartbeatSeconds").asInt()).isEqualTo(1800);
    assertThat(approvalState(Step.approval("approve-cutover", "Cut over?").heartbeat(Duration.ofMinutes(20))
        .timeout(Duration.ofHours(1))).get("HeartbeatSeconds").asInt()).as("in either order").isEqualTo(1200);
    assertThat(approvalState(Step.approval("approve-cutover", "Cut over?").timeout(Duration.ofMinutes(8))).has("HeartbeatSeconds"))
        .as("a wait shorter than the default heartbeat is bounded by its timeout").isFalse();
  }

  @Test
  void theHeartbeatKeepsWhatTheTimeoutMeans() {
    ApprovalStep early = Step.approval("approve-cutover", "Cut over?").onTimeout(dev.ferry.dsl.ApprovalTimeout.FAIL_BEFORE_CHANGE)
        .heartbeat(Duration.ofMinutes(20));
    assertThat(early.onTimeout()).isEqualTo(dev.ferry.dsl.ApprovalTimeout.FAIL_BEFORE_CHANGE);
  }

  @Test
  void aHeartbeatTooShortForTheSweepOrNotShorterThanTheTimeoutIsRefusedNamingTheStep() {
    assertThatThrownBy(() -> Step.approval("approve-cutover", "Cut over?").heartbeat(Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("approval 'approve-cutover'").hasMessageContaining("at least 5 min");
    assertThatThrownBy(() -> approvalState(Step.approval("approve-cutover", "Cut over?").timeout(Duration.ofMinutes(30))
        .heartbeat(Duration.ofMinutes(30))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("approval 'approve-cutover': heartbeat 1800 s is not shorter than its timeout 1800 s");
  }
}
