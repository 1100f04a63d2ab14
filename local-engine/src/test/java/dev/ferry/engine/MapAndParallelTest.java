package dev.ferry.engine;

import static dev.ferry.engine.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Map failure tolerance, concurrency and Parallel branch results. */
class MapAndParallelTest {
  private static final String MAP = """
      {"StartAt":"Each","States":{"Each":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":%d,%s
        "ItemSelector":{"value.$":"$$.Map.Item.Value","index.$":"$$.Map.Item.Index"},
        "ItemProcessor":{"StartAt":"Check","States":{
          "Check":{"Type":"Choice","Choices":[{"Variable":"$.value","NumericGreaterThan":100,"Next":"Bad"}],"Default":"Good"},
          "Bad":{"Type":"Fail","Error":"TooBig","Cause":"over 100"},
          "Good":{"Type":"Pass","End":true}}},
        "End":true}}}
      """;

  private static Execution run(int concurrency, String tolerance, String items) {
    LocalEngine engine = LocalEngine.builder().build();
    Execution e = engine.start(MAP.formatted(concurrency, tolerance), "map", json("{\"items\":" + items + "}"));
    e.await();
    return e;
  }

  @Test
  void resultsKeepItemOrder() {
    ExecutionResult r = run(0, "", "[5,6,7]").await();
    assertThat(r.output()).isEqualTo(json("[{\"value\":5,\"index\":0},{\"value\":6,\"index\":1},{\"value\":7,\"index\":2}]"));
  }

  @Test
  void withoutToleranceTheFirstFailureFailsTheMap() {
    ExecutionResult r = run(1, "", "[1,500,2]").await();
    assertThat(r.error()).isEqualTo("TooBig");
  }

  @Test
  void failuresWithinTheToleratedCountAreReportedInPlace() {
    ExecutionResult r = run(2, "\"ToleratedFailureCount\":1,", "[1,500,2]").await();
    assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(r.output().get(1).get("Error").asText()).isEqualTo("TooBig");
  }

  @Test
  void exceedingTheToleratedPercentageFailsWithTheThresholdError() {
    Execution e = run(1, "\"ToleratedFailurePercentage\":40,", "[500,501,1,2]");
    assertThat(e.await().error()).isEqualTo("States.ExceedToleratedFailureThreshold");
    List<String> types = Fixtures.types(e.history());
    assertThat(types).contains("MapStateStarted", "MapIterationFailed", "MapStateFailed");
  }

  @Test
  void parallelReturnsBranchOutputsInOrderAndFailsWithABranchError() {
    try (LocalEngine engine = LocalEngine.builder().build()) {
      ExecutionResult ok = engine.start("""
          {"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[
            {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":5,"Next":"A"},"A":{"Type":"Pass","Result":"slow","End":true}}},
            {"StartAt":"B","States":{"B":{"Type":"Pass","Result":"fast","End":true}}}],"End":true}}}
          """, "p", json("{}")).await();
      assertThat(ok.output()).isEqualTo(json("[\"slow\",\"fast\"]"));
      ExecutionResult failed = engine.start("""
          {"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[
            {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":86400,"End":true}}},
            {"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Branch.Failed"}}}],"End":true}}}
          """, "p2", json("{}")).await();
      assertThat(failed.error()).isEqualTo("Branch.Failed");
    }
  }
}
