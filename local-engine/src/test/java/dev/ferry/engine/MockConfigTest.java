package dev.ferry.engine;

import static dev.ferry.engine.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.engine.tasks.MockConfig;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** MockConfigFile rules: test cases per execution, numbered and ranged invocations, Return and Throw. */
class MockConfigTest {
  private static final String MOCKS = """
      {"StateMachines":{"Orders":{"TestCases":{
         "HappyPath":{"Snapshot":"SnapshotOk"},
         "RetryPath":{"Snapshot":"SnapshotFlaky"}}}},
       "MockedResponses":{
         "SnapshotOk":{"0":{"Return":{"StatusCode":200,"Payload":{"snapshotId":"s-1"}}}},
         "SnapshotFlaky":{
           "0":{"Throw":{"Error":"Lambda.ServiceException","Cause":"busy"}},
           "1-2":{"Throw":{"Error":"Lambda.TooManyRequestsException","Cause":"slow down"}},
           "3":{"Return":{"StatusCode":200,"Payload":{"snapshotId":"s-4"}}}}}}
      """;
  private static final String DEFINITION = """
      {"StartAt":"Snapshot","States":{
        "Snapshot":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"ferry-db-snapshot-create","Payload.$":"$"},
          "Retry":[{"ErrorEquals":["States.ALL"],"IntervalSeconds":1,"MaxAttempts":%d}],
          "ResultSelector":{"id.$":"$.Payload.snapshotId"},"Next":"Check"},
        "Check":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"real-check"},"ResultPath":null,"End":true}}}
      """;

  private final AtomicInteger realCalls = new AtomicInteger();

  private LocalEngine engine() {
    return LocalEngine.builder()
        .mocks(MockConfig.parse(json(MOCKS)))
        .lambda("real-check", p -> {
          realCalls.incrementAndGet();
          return json("{}");
        })
        .build();
  }

  @Test
  void aTestCaseAnswersMockedStatesAndRunsTheOthersForReal() {
    try (LocalEngine engine = engine()) {
      ExecutionResult r = engine.start(json(DEFINITION.formatted(3)), "Orders", "happy", json("{}"), "HappyPath").await();
      assertThat(r.output()).isEqualTo(json("{\"id\":\"s-1\"}"));
      assertThat(realCalls.get()).isEqualTo(1);
    }
  }

  @Test
  void invocationNumbersAndRangesSelectTheResponseOfEachRetry() {
    try (LocalEngine engine = engine()) {
      Execution e = engine.start(json(DEFINITION.formatted(3)), "Orders", "retry", json("{}"), "RetryPath");
      assertThat(e.await().output()).isEqualTo(json("{\"id\":\"s-4\"}"));
      assertThat(e.history().stream().filter(h -> h.type().equals("TaskFailed")).map(h -> h.detail("error")).toList())
          .containsExactly("Lambda.ServiceException", "Lambda.TooManyRequestsException", "Lambda.TooManyRequestsException");
    }
  }

  @Test
  void aThrowIsTheTaskErrorWhenRetriesRunOut() {
    try (LocalEngine engine = engine()) {
      ExecutionResult r = engine.start(json(DEFINITION.formatted(1)), "Orders", "retry-out", json("{}"), "RetryPath").await();
      assertThat(r.error()).isEqualTo("Lambda.TooManyRequestsException");
      assertThat(r.cause()).isEqualTo("slow down");
    }
  }

  @Test
  void malformedFilesAreRejectedNamingTheEntry() {
    assertThatThrownBy(() -> MockConfig.parse(json("""
        {"StateMachines":{},"MockedResponses":{"R":{"0":{"Return":1},"2":{"Return":2}}}}""")))
        .hasMessageContaining("MockedResponses.R").hasMessageContaining("without gaps");
    assertThatThrownBy(() -> MockConfig.parse(json("""
        {"StateMachines":{},"MockedResponses":{"R":{"0":{"Return":1,"Throw":{"Error":"E"}}}}}""")))
        .hasMessageContaining("exactly one of Return or Throw");
    assertThatThrownBy(() -> MockConfig.parse(json("""
        {"StateMachines":{"M":{"TestCases":{"T":{"S":"Missing"}}}},"MockedResponses":{}}""")))
        .hasMessageContaining("'Missing'");
    try (LocalEngine engine = engine()) {
      assertThatThrownBy(() -> engine.start(json(DEFINITION.formatted(1)), "Orders", "x", json("{}"), "NoSuchCase"))
          .hasMessageContaining("no test case 'NoSuchCase'");
    }
  }
}
