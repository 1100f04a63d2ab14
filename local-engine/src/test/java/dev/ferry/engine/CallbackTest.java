package dev.ferry.engine;

import static dev.ferry.engine.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** .waitForTaskToken: success, failure, heartbeat and timeouts on the virtual clock. */
class CallbackTest {
  private static final String APPROVAL = """
      {"StartAt":"Approve","States":{"Approve":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
        "Parameters":{"FunctionName":"ferry-approval-request","Payload":{"taskToken.$":"$$.Task.Token","step":"cutover"}},
        "TimeoutSeconds":3600,"HeartbeatSeconds":600,"End":true}}}
      """;

  private final BlockingQueue<String> tokens = new ArrayBlockingQueue<>(10);

  private LocalEngine engine() {
    return LocalEngine.builder()
        .lambda("ferry-approval-request", payload -> {
          tokens.add(payload.get("taskToken").asText());
          return json("{\"stored\":true}");
        })
        .build();
  }

  private String nextToken() throws InterruptedException {
    String token = tokens.poll(10, TimeUnit.SECONDS);
    assertThat(token).as("the handler received a task token").isNotNull();
    return token;
  }

  @Test
  void sendTaskSuccessCompletesTheTaskWithTheGivenOutput() throws Exception {
    try (LocalEngine engine = engine()) {
      Execution e = engine.start(APPROVAL, "approve", json("{}"));
      String token = nextToken();
      assertThat(e.status()).isEqualTo(ExecutionStatus.RUNNING);
      engine.sendTaskSuccess(token, json("{\"approvedBy\":\"ana\"}"));
      ExecutionResult r = e.await(Duration.ofSeconds(10));
      assertThat(r.output()).isEqualTo(json("{\"approvedBy\":\"ana\"}"));
      assertThat(Fixtures.types(e.history())).containsSubsequence("TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskSucceeded", "TaskStateExited");
      assertThatThrownBy(() -> engine.sendTaskSuccess(token, json("{}"))).hasMessageContaining("TaskDoesNotExist");
    }
  }

  @Test
  void sendTaskFailureFailsTheTaskWithTheGivenError() throws Exception {
    try (LocalEngine engine = engine()) {
      Execution e = engine.start(APPROVAL, "reject", json("{}"));
      engine.sendTaskFailure(nextToken(), "Ferry.Rejected", "no");
      ExecutionResult r = e.await(Duration.ofSeconds(10));
      assertThat(r.error()).isEqualTo("Ferry.Rejected");
      assertThat(r.cause()).isEqualTo("no");
    }
  }

  @Test
  void heartbeatsKeepTheTaskAliveUntilTheTimeout() throws Exception {
    try (LocalEngine engine = engine()) {
      Execution e = engine.start(APPROVAL, "beats", json("{}"));
      String token = nextToken();
      for (int i = 0; i < 5; i++) {
        engine.advanceClock(Duration.ofSeconds(500));
        engine.sendTaskHeartbeat(token);
      }
      assertThat(e.status()).isEqualTo(ExecutionStatus.RUNNING);
      engine.advanceClock(Duration.ofSeconds(600));
      ExecutionResult r = e.await(Duration.ofSeconds(10));
      assertThat(r.error()).isEqualTo("States.HeartbeatTimeout");
    }
  }

  @Test
  void theTaskTimesOutWhenTheClockPassesTimeoutSeconds() throws Exception {
    try (LocalEngine engine = engine()) {
      Execution e = engine.start(APPROVAL.replace(",\"HeartbeatSeconds\":600", "").replace("\"HeartbeatSeconds\":600,", ""), "timeout", json("{}"));
      nextToken();
      engine.advanceClock(Duration.ofSeconds(3599));
      assertThat(e.status()).isEqualTo(ExecutionStatus.RUNNING);
      engine.advanceClock(Duration.ofSeconds(2));
      ExecutionResult r = e.await(Duration.ofSeconds(10));
      assertThat(r.error()).isEqualTo("States.Timeout");
      JsonNode last = e.history().get(e.history().size() - 1).toJson();
      assertThat(last.get("type").asText()).isEqualTo("ExecutionFailed");
    }
  }
}
