package dev.ferry.engine;

import static dev.ferry.engine.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Virtual and real clocks, and many executions waiting at once. */
class ClockTest {
  @Test
  void mapConcurrencyShapesVirtualTime() {
    Instant start = Instant.parse("2030-01-01T00:00:00Z");
    try (LocalEngine engine = LocalEngine.builder().virtualClock(start).build()) {
      Execution e = engine.start("""
          {"StartAt":"Each","States":{"Each":{"Type":"Map","ItemsPath":"$.xs","MaxConcurrency":10,
            "ItemProcessor":{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":10,"End":true}}},"End":true}}}
          """, "map-time", json("{\"xs\":" + json("[" + "0,".repeat(99) + "0]") + "}"));
      assertThat(e.await().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      HistoryEvent last = e.history().get(e.history().size() - 1);
      assertThat(Duration.between(start, last.timestamp())).as("100 items, 10 at a time, 10 s each").isEqualTo(Duration.ofSeconds(100));
    }
  }

  @Test
  void thousandsOfExecutionsWaitTogetherOnTheVirtualClock() {
    Instant start = Instant.parse("2030-01-01T00:00:00Z");
    try (LocalEngine engine = LocalEngine.builder().virtualClock(start).build()) {
      StateMachineDefinition machine = engine.createStateMachine("waits", json("""
          {"StartAt":"W","States":{"W":{"Type":"Wait","SecondsPath":"$.s","End":true}}}
          """));
      List<Execution> executions = new ArrayList<>();
      for (int i = 0; i < 2000; i++) {
        executions.add(engine.start(machine, "w-" + i, json("{\"s\":" + (3600 + i) + "}")));
      }
      for (Execution e : executions) {
        assertThat(e.await().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      }
      assertThat(engine.now()).isAfterOrEqualTo(start.plusSeconds(3600 + 1999));
    }
  }

  @Test
  void externalTimeoutsFireWhenTimePassesThemButNeverDriveTheClock() throws Exception {
    java.util.concurrent.BlockingQueue<String> tokens = new java.util.concurrent.LinkedBlockingQueue<>();
    try (LocalEngine engine = LocalEngine.builder().lambda("ask", p -> {
          tokens.add(p.get("token").asText());
          return json("{}");
        }).build()) {
      String definition = """
          {"TimeoutSeconds":%d,"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[
            {"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
              "Parameters":{"FunctionName":"ask","Payload":{"token.$":"$$.Task.Token"}},"End":true}}},
            {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":%d,"End":true}}}],"End":true}}}
          """;
      Execution answered = engine.start(definition.formatted(86400, 60), "answered", json("{}"));
      String token = tokens.poll(10, java.util.concurrent.TimeUnit.SECONDS);
      engine.sendTaskSuccess(token, json("\"ok\""));
      assertThat(answered.await(Duration.ofSeconds(10)).output()).isEqualTo(json("[\"ok\",{}]"));

      Execution late = engine.start(definition.formatted(30, 60), "late", json("{}"));
      ExecutionResult r = late.await(Duration.ofSeconds(10));
      assertThat(r.status()).as("the 60 s Wait moves time past the 30 s execution timeout").isEqualTo(ExecutionStatus.TIMED_OUT);
    }
  }

  @Test
  void theRealClockWaitsInWallTime() {
    try (LocalEngine engine = LocalEngine.builder().realClock().build()) {
      long started = System.nanoTime();
      ExecutionResult r = engine.start("""
          {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":1,"End":true}}}
          """, "real", json("{\"a\":1}")).await(Duration.ofSeconds(30));
      assertThat(r.output()).isEqualTo(json("{\"a\":1}"));
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }
  }
}
