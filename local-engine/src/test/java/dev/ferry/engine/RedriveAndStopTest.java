package dev.ferry.engine;

import static dev.ferry.engine.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Redrive resumes at the failed state and keeps completed ones; stop aborts. */
class RedriveAndStopTest {
  @Test
  void redriveRerunsOnlyFromTheFailedState() {
    AtomicInteger firstCalls = new AtomicInteger();
    AtomicBoolean broken = new AtomicBoolean(true);
    try (LocalEngine engine = LocalEngine.builder()
        .lambda("first", p -> {
          firstCalls.incrementAndGet();
          return json("{\"snapshot\":\"s-1\"}");
        })
        .lambda("second", p -> {
          if (broken.get()) {
            throw new Fixtures.Ferry("UpgradeFailed", "schema lock");
          }
          return json("{\"upgraded\":true}");
        })
        .build()) {
      Execution e = engine.start("""
          {"StartAt":"Snapshot","States":{
            "Snapshot":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:first","ResultPath":"$.snapshot","Assign":{"snap.$":"$.snapshot"},"Next":"Upgrade"},
            "Upgrade":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:second","Parameters":{"snap.$":"$snap"},"ResultPath":"$.upgrade","End":true}}}
          """, "m-1", json("{\"target\":\"orders\"}"));
      ExecutionResult failed = e.await();
      assertThat(failed.error()).isEqualTo("Ferry.UpgradeFailed");

      broken.set(false);
      ExecutionResult redriven = e.redrive().await(Duration.ofSeconds(10));
      assertThat(redriven.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(redriven.output()).isEqualTo(json("{\"target\":\"orders\",\"snapshot\":{\"snapshot\":\"s-1\"},\"upgrade\":{\"upgraded\":true}}"));
      assertThat(firstCalls.get()).as("the completed state is not run again").isEqualTo(1);
      assertThat(Fixtures.types(e.history())).containsSubsequence("ExecutionFailed", "ExecutionRedriven", "TaskStateEntered", "ExecutionSucceeded");
      assertThatThrownBy(e::redrive).hasMessageContaining("cannot be redriven");
    }
  }

  @Test
  void redriveOfAMapRerunsOnlyTheIterationsThatFailed() {
    java.util.Map<Integer, AtomicInteger> calls = new java.util.concurrent.ConcurrentHashMap<>();
    AtomicBoolean broken = new AtomicBoolean(true);
    try (LocalEngine engine = LocalEngine.builder()
        .lambda("migrate", p -> {
          int shard = p.get("shard").asInt();
          calls.computeIfAbsent(shard, k -> new AtomicInteger()).incrementAndGet();
          if (shard == 1 && broken.get()) {
            throw new Fixtures.Ferry("MigrationFailed", "shard 1 locked");
          }
          return json("{\"shard\":" + shard + "}");
        })
        .build()) {
      Execution e = engine.start("""
          {"StartAt":"Shards","States":{"Shards":{"Type":"Map","ItemsPath":"$.shards","MaxConcurrency":1,
            "ItemSelector":{"shard.$":"$$.Map.Item.Value"},
            "ItemProcessor":{"StartAt":"Migrate","States":{"Migrate":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:migrate","End":true}}},
            "End":true}}}
          """, "shards", json("{\"shards\":[0,1,2]}"));
      assertThat(e.await().error()).isEqualTo("Ferry.MigrationFailed");
      broken.set(false);
      ExecutionResult r = e.redrive().await(Duration.ofSeconds(10));
      assertThat(r.output()).isEqualTo(json("[{\"shard\":0},{\"shard\":1},{\"shard\":2}]"));
      assertThat(calls.get(0).get()).as("shard 0 succeeded before and is kept").isEqualTo(1);
      assertThat(calls.get(1).get()).isEqualTo(2);
      assertThat(calls.get(2).get()).as("shard 2 never ran before the failure").isEqualTo(1);
    }
  }

  @Test
  void aRedriveStartedTheMomentTheRunFailsIsNotAbortedByTheEndingRun() {
    // The failing run aborts its own frames after it has ended; a redrive issued in that window
    // must not be the one aborted. Repeated, because the window is short.
    AtomicBoolean broken = new AtomicBoolean();
    try (LocalEngine engine = LocalEngine.builder()
        .lambda("migrate", p -> {
          if (p.get("shard").asInt() == 1 && broken.get()) {
            throw new Fixtures.Ferry("MigrationFailed", "shard 1 locked");
          }
          return p;
        })
        .build()) {
      StateMachineDefinition machine = engine.createStateMachine("shards", json("""
          {"StartAt":"Shards","States":{"Shards":{"Type":"Map","ItemsPath":"$.shards","MaxConcurrency":2,
            "ItemSelector":{"shard.$":"$$.Map.Item.Value"},
            "ItemProcessor":{"StartAt":"Migrate","States":{"Migrate":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:migrate","End":true}}},
            "End":true}}}
          """));
      for (int run = 0; run < 200; run++) {
        broken.set(true);
        Execution e = engine.start(machine, "shards-" + run, json("{\"shards\":[0,1,2,3]}"));
        assertThat(e.await().error()).isEqualTo("Ferry.MigrationFailed");
        broken.set(false);
        assertThat(e.redrive().await(Duration.ofSeconds(10)).status()).as("redrive %d", run).isEqualTo(ExecutionStatus.SUCCEEDED);
      }
    }
  }

  @Test
  void aStopDuringATaskDropsItsResultAndRedriveRunsThatTaskAgain() {
    AtomicInteger upgradeCalls = new AtomicInteger();
    AtomicInteger verifyCalls = new AtomicInteger();
    java.util.concurrent.atomic.AtomicReference<Execution> running = new java.util.concurrent.atomic.AtomicReference<>();
    try (LocalEngine engine = LocalEngine.builder()
        .lambda("upgrade", p -> {
          if (upgradeCalls.incrementAndGet() == 1) {
            while (running.get() == null) {
              Thread.onSpinWait();
            }
            running.get().stop("Ferry.ProcessDied", "the runner died after the work, before its result was recorded");
          }
          return json("{\"upgraded\":" + upgradeCalls.get() + "}");
        })
        .lambda("verify", p -> {
          verifyCalls.incrementAndGet();
          return json("{\"ok\":true}");
        })
        .build()) {
      String definition = """
          {"StartAt":"Upgrade","States":{
            "Upgrade":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:upgrade","ResultPath":"$.upgrade",
              "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Compensate"}],"Next":"Verify"},
            "Verify":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:verify","ResultPath":"$.verify","End":true},
            "Compensate":{"Type":"Fail","Error":"Compensated"}}}
          """;
      StateMachineDefinition machine = engine.createStateMachine("m", json(definition));
      running.set(engine.start(machine, "stopped-mid-task", json("{}")));
      Execution e = running.get();
      ExecutionResult stopped = e.await();
      assertThat(stopped.status()).isEqualTo(ExecutionStatus.ABORTED);
      assertThat(Fixtures.types(e.history())).as("the late result is neither recorded nor caught")
          .doesNotContain("LambdaFunctionSucceeded", "LambdaFunctionFailed").last().isEqualTo("ExecutionAborted");
      assertThat(verifyCalls.get()).isZero();

      ExecutionResult redriven = e.redrive().await(Duration.ofSeconds(10));
      assertThat(redriven.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(upgradeCalls.get()).as("the interrupted task runs again").isEqualTo(2);
      assertThat(redriven.output().path("upgrade").path("upgraded").asInt()).isEqualTo(2);
      assertThat(verifyCalls.get()).isEqualTo(1);
    }
  }

  @Test
  void stopAbortsAWaitingExecution() {
    try (LocalEngine engine = LocalEngine.builder().lambda("notify", p -> json("{}")).build()) {
      Execution e = engine.start("""
          {"StartAt":"Approve","States":{"Approve":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
            "Parameters":{"FunctionName":"notify","Payload":{"token.$":"$$.Task.Token"}},"End":true}}}
          """, "stop", json("{}"));
      while (!Fixtures.types(e.history()).contains("TaskSubmitted")) {
        Thread.onSpinWait();
      }
      e.stop("Operator.Stop", "stopped by test");
      ExecutionResult r = e.await(Duration.ofSeconds(10));
      assertThat(r.status()).isEqualTo(ExecutionStatus.ABORTED);
      assertThat(r.error()).isEqualTo("Operator.Stop");
      assertThat(Fixtures.types(e.history())).endsWith("ExecutionAborted");
    }
  }
}
