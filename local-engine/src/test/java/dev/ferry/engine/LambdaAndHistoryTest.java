package dev.ferry.engine;

import static dev.ferry.engine.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lambda result shapes and the history events the compiler counts on (contract.md). */
class LambdaAndHistoryTest {
  @Test
  void lambdaInvokeResultHasTheInvokeApiShape() {
    try (LocalEngine engine = LocalEngine.builder().lambda("arn:aws:lambda:us-east-1:123456789012:function:echo", p -> p).build()) {
      ExecutionResult r = engine.start("""
          {"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
            "Parameters":{"FunctionName":"echo","Payload":{"a.$":"$.a"}},"End":true}}}
          """, "shape", json("{\"a\":7}")).await();
      JsonNode out = r.output();
      assertThat(out.get("Payload")).isEqualTo(json("{\"a\":7}"));
      assertThat(out.get("StatusCode").asInt()).isEqualTo(200);
      assertThat(out.get("ExecutedVersion").asText()).isEqualTo("$LATEST");
      assertThat(out.at("/SdkHttpMetadata/HttpStatusCode").asInt()).isEqualTo(200);
    }
  }

  @Test
  void aLongHistoryKeepsEveryEventInOrderWithConsecutiveIds() {
    StringBuilder states = new StringBuilder();
    int count = 300;
    for (int i = 0; i < count; i++) {
      states.append(i == 0 ? "" : ",").append("\"S").append(i).append("\":{\"Type\":\"Pass\",\"Result\":").append(i)
          .append(i == count - 1 ? ",\"End\":true}" : ",\"Next\":\"S" + (i + 1) + "\"}");
    }
    try (LocalEngine engine = LocalEngine.builder().build()) {
      Execution e = engine.start("{\"StartAt\":\"S0\",\"States\":{" + states + "}}", "long", json("{}"));
      assertThat(e.await().output().asInt()).isEqualTo(count - 1);
      List<HistoryEvent> history = e.history();
      assertThat(history).hasSize(2 + 2 * count);
      for (int i = 0; i < history.size(); i++) {
        assertThat(history.get(i).id()).isEqualTo(i + 1);
        assertThat(history.get(i).previousEventId()).isEqualTo(i);
      }
      HistoryEvent exited = history.get(2 + 2 * 280);
      assertThat(exited.type()).isEqualTo("PassStateExited");
      assertThat(exited.detail("name")).isEqualTo("S280");
      assertThat(exited.detail("output")).isEqualTo("280");
      assertThat(history.get(history.size() - 1).type()).isEqualTo("ExecutionSucceeded");
    }
  }

  @Test
  void historyEventsFollowAwsTypesForEachKindOfState() {
    try (LocalEngine engine = LocalEngine.builder().lambda("fn", p -> json("{\"done\":true}")).build()) {
      Execution e = engine.start("""
          {"StartAt":"Arn","States":{
            "Arn":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:fn","Next":"Invoke"},
            "Invoke":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"fn"},"Next":"Poll"},
            "Poll":{"Type":"Wait","Seconds":30,"Next":"Decide"},
            "Decide":{"Type":"Choice","Choices":[{"Variable":"$.Payload.done","BooleanEquals":true,"Next":"End"}],"Default":"Poll"},
            "End":{"Type":"Succeed"}}}
          """, "history", json("{}"));
      assertThat(e.await().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      List<String> types = Fixtures.types(e.history());
      assertThat(types).containsExactly(
          "ExecutionStarted",
          "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionSucceeded", "TaskStateExited",
          "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited",
          "WaitStateEntered", "WaitStateExited",
          "ChoiceStateEntered", "ChoiceStateExited",
          "SucceedStateEntered", "SucceedStateExited",
          "ExecutionSucceeded");
      JsonNode scheduled = e.history().get(7).toJson();
      assertThat(scheduled.at("/taskScheduledEventDetails/resourceType").asText()).isEqualTo("lambda");
      assertThat(scheduled.at("/taskScheduledEventDetails/resource").asText()).isEqualTo("invoke");
      JsonNode entered = e.history().get(1).toJson();
      assertThat(entered.at("/stateEnteredEventDetails/name").asText()).isEqualTo("Arn");
      assertThat(entered.at("/stateEnteredEventDetails/input").isTextual()).as("inputs are JSON strings, as AWS sends them").isTrue();
    }
  }

  @Test
  void aMissingHandlerFailsLikeAMissingFunction() {
    try (LocalEngine engine = LocalEngine.builder().build()) {
      ExecutionResult r = engine.start("""
          {"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"nope"},"End":true}}}
          """, "missing", json("{}")).await();
      assertThat(r.error()).isEqualTo("Lambda.ResourceNotFoundException");
      assertThat(r.cause()).contains("nope");
    }
  }
}
