package dev.ferry.engine;

import static dev.ferry.engine.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Catch ordering and AWS's error-name matching rules. */
class ErrorHandlingTest {
  private static ExecutionResult run(String definition, LambdaHandler handler) {
    try (LocalEngine engine = LocalEngine.builder().lambda("fn", handler).build()) {
      return engine.start(definition, "errors", json("{\"in\":1}")).await();
    }
  }

  private static String catching(String catchers) {
    return """
        {"StartAt":"Call","States":{
          "Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"fn","Payload.$":"$"},
                  "Catch":%s,"End":true},
          "First":{"Type":"Pass","Result":"first","ResultPath":"$.caughtBy","End":true},
          "Second":{"Type":"Pass","Result":"second","ResultPath":"$.caughtBy","End":true},
          "Third":{"Type":"Pass","Result":"third","ResultPath":"$.caughtBy","End":true}}}
        """.formatted(catchers);
  }

  @Test
  void theFirstMatchingCatcherWins() {
    ExecutionResult r = run(catching("""
        [{"ErrorEquals":["Other"],"Next":"First"},
         {"ErrorEquals":["Ferry.LockHeld"],"ResultPath":"$.error","Next":"Second"},
         {"ErrorEquals":["States.ALL"],"Next":"Third"}]"""),
        p -> { throw new Fixtures.Ferry("LockHeld", "held by m-7"); });
    assertThat(r.output().get("caughtBy").asText()).isEqualTo("second");
    assertThat(r.output().at("/error/Error").asText()).isEqualTo("Ferry.LockHeld");
    assertThat(json(r.output().at("/error/Cause").asText()).get("errorMessage").asText()).isEqualTo("held by m-7");
    assertThat(r.output().get("in").asInt()).as("the catcher's ResultPath merges into the state input").isEqualTo(1);
  }

  @Test
  void taskFailedMatchesHandlerErrorsAndStatesAllCatchesTheRest() {
    ExecutionResult taskFailed = run(catching("""
        [{"ErrorEquals":["States.TaskFailed"],"Next":"First"},{"ErrorEquals":["States.ALL"],"Next":"Third"}]"""),
        p -> { throw new IllegalStateException("boom"); });
    assertThat(taskFailed.output().get("caughtBy").asText()).isEqualTo("first");
  }

  @Test
  void uncaughtErrorsFailTheExecutionWithTheLambdaErrorTypeAndCause() {
    ExecutionResult r = run(catching("[{\"ErrorEquals\":[\"Other\"],\"Next\":\"First\"}]"), p -> { throw new IllegalStateException("boom"); });
    assertThat(r.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(r.error()).isEqualTo("java.lang.IllegalStateException");
    assertThat(json(r.cause()).get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(json(r.cause()).get("stackTrace").isArray()).isTrue();
  }

  @Test
  void statesRuntimeIsNeverCaught() {
    ExecutionResult r = run("""
        {"StartAt":"Call","States":{
          "Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"fn","Payload.$":"$.missing"},
                  "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Caught"}],"End":true},
          "Caught":{"Type":"Pass","End":true}}}
        """, p -> p);
    assertThat(r.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(r.error()).isEqualTo("States.Runtime");
    assertThat(r.cause()).contains("$.missing");
  }

  @Test
  void noChoiceMatchedAndFailStatesEndWithTheirErrors() {
    ExecutionResult noMatch = run("""
        {"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.in","NumericEquals":2,"Next":"D"}]},"D":{"Type":"Succeed"}}}
        """, p -> p);
    assertThat(noMatch.error()).isEqualTo("States.NoChoiceMatched");
    ExecutionResult fail = run("""
        {"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Ferry.PreconditionFailed","CausePath":"States.Format('in={}', $.in)"}}}
        """, p -> p);
    assertThat(fail.error()).isEqualTo("Ferry.PreconditionFailed");
    assertThat(fail.cause()).isEqualTo("in=1");
  }

  @Test
  void invalidDefinitionsNameTheStateAndField() {
    try (LocalEngine engine = LocalEngine.builder().build()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.start("""
          {"StartAt":"A","States":{"A":{"Type":"Pass","Next":"Nowhere"}}}
          """, "bad", json("{}")))
          .isInstanceOf(dev.ferry.engine.asl.InvalidDefinitionException.class)
          .hasMessageContaining("State 'A'")
          .hasMessageContaining("'Nowhere'");
    }
  }
}
