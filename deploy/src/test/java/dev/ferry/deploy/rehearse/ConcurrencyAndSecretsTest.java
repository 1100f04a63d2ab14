package dev.ferry.deploy.rehearse;

import static dev.ferry.deploy.rehearse.MachineRig.JSON;
import static dev.ferry.deploy.rehearse.MachineRig.validInput;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.engine.Execution;
import dev.ferry.engine.ExecutionResult;
import dev.ferry.engine.ExecutionStatus;
import dev.ferry.engine.HistoryEvent;
import dev.ferry.engine.LambdaHandler;
import dev.ferry.tasks.local.LocalPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Many runs for one target at once, and the database password kept out of everything a run leaves. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrencyAndSecretsTest {

  private static final int RUNS = 20;

  private MachineRig rig;

  @BeforeAll
  void start() {
    rig = MachineRig.start();
  }

  @AfterAll
  void stop() {
    rig.close();
  }

  @BeforeEach
  void clean() {
    rig.reset();
  }

  @Test
  void ofTwentyRunsStartedAtOnceForOneTargetExactlyOneRunsAndTheOthersFailFastNamingIt() throws Exception {
    // The winner's first task waits until every other run has ended, so none can finish first and
    // free the lock: the race is decided by the lock alone.
    CountDownLatch othersEnded = new CountDownLatch(RUNS - 1);
    LambdaHandler create = realHandler("ferry-db-snapshot-create");
    rig.overrides.put("ferry-db-snapshot-create", payload -> {
      assertThat(othersEnded.await(60, TimeUnit.SECONDS)).as("the other runs ended").isTrue();
      return create.handle(payload);
    });
    List<String> databasesBefore = rig.databases();

    List<Execution> executions = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      executions.add(rig.start("run-" + i, input(i)));
    }
    for (Execution e : executions) {
      Thread.ofVirtual().start(() -> {
        if (e.await().status() == ExecutionStatus.FAILED) {
          othersEnded.countDown();
        }
      });
    }
    assertThat(othersEnded.await(60, TimeUnit.SECONDS)).as("19 runs ended while one still runs").isTrue();
    List<Execution> running = executions.stream().filter(e -> e.status() == ExecutionStatus.RUNNING).toList();
    assertThat(running).as("one run holds the lock").hasSize(1);
    Execution winner = running.getFirst();
    List<Execution> losers = executions.stream().filter(e -> e != winner).toList();
    assertThat(winner).as("one run holds the lock").isNotNull();
    assertThat(winner.await(Duration.ofMinutes(2)).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(losers).hasSize(RUNS - 1);
    for (Execution loser : losers) {
      ExecutionResult r = loser.await(Duration.ofSeconds(1));
      assertThat(r.error()).as(loser.name()).isEqualTo("Ferry.LockHeld");
      assertThat(r.cause()).as(loser.name()).contains("locked by execution " + winner.arn());
      assertThat(loser.history()).as(loser.name() + " fails fast: no task of its own")
          .noneMatch(ev -> ev.type().startsWith("Lambda"))
          .hasSizeLessThan(40);
    }
    // only the winner's handlers ran: one run's worth of calls, and one snapshot (of the winner)
    assertThat(rig.calls).filteredOn(c -> c.function().equals("ferry-db-snapshot-create")).singleElement()
        .satisfies(c -> assertThat(c.payload().get("executionName").asText()).isEqualTo(winner.name()));
    for (String once : List.of("ferry-writers-pause", "ferry-baseline-capture", "ferry-schema-migrate",
        "ferry-schema-verify", "ferry-writers-resume")) {
      assertThat(rig.calls).as(once).filteredOn(c -> c.function().equals(once)).hasSize(1);
    }
    assertThat(rig.databases()).hasSize(databasesBefore.size() + 1);
    String winnerArn = winner.arn();
    assertThat(rig.auditRows()).isNotEmpty()
        .allSatisfy(row -> assertThat(row.get("execution").s()).isEqualTo(winnerArn));
  }

  @Test
  void aRunsHistoryOutputAndAuditRowsNeverHoldTheDatabasePassword() {
    String password = rig.postgres.password();
    assertThat(password).as("a password distinct enough to search for").hasSizeGreaterThanOrEqualTo(16);

    // a failing run (errors and causes are where credentials leak most often), first: it restores
    // the snapshot, so the successful run after it still has an upgrade to do rather than nothing
    rig.overrides.put("ferry-schema-verify", payload -> {
      throw new IllegalStateException("verification could not connect");
    });
    Execution failed = rig.start("secret-failed", validInput("orders-db"));
    ExecutionResult failedResult = failed.await(Duration.ofMinutes(2));
    assertThat(failedResult.status()).isEqualTo(ExecutionStatus.FAILED);
    rig.overrides.remove("ferry-schema-verify");
    Execution ok = rig.start("secret-ok", validInput("orders-db"));
    ExecutionResult okResult = ok.await(Duration.ofMinutes(2));
    assertThat(okResult.status()).isEqualTo(ExecutionStatus.SUCCEEDED);

    List<String> texts = new ArrayList<>();
    for (Execution e : List.of(ok, failed)) {
      for (HistoryEvent event : e.history()) {
        texts.add(event.toString());
      }
    }
    texts.add(okResult.toJson().toString());
    texts.add(failedResult.toJson().toString());
    rig.rows().forEach(row -> texts.add(row.toString()));
    rig.calls.forEach(c -> texts.add(c.payload().toString()));

    assertThat(texts).hasSizeGreaterThan(100).noneMatch(t -> t.contains(password));
  }

  private LambdaHandler realHandler(String function) {
    var f = dev.ferry.tasks.TaskCatalog.function(function).orElseThrow().local(rig.env);
    return f::apply;
  }

  private static ExecutionResult awaitQuietly(Execution e) {
    try {
      return e.await(Duration.ofSeconds(20));
    } catch (IllegalStateException stillRunning) {
      return null;
    }
  }

  /** API, console, EventBridge Scheduler and EventBridge rule inputs, in turn. */
  private static JsonNode input(int i) {
    ObjectNode document = validInput("orders-db");
    document.put("requestedBy", "caller-" + i);
    return switch (i % 4) {
      case 0 -> document;
      case 1 -> document.put("trigger", "console");
      case 2 -> document.put("trigger", "schedule");
      default -> {
        document.remove("trigger");
        ObjectNode event = JSON.createObjectNode();
        event.put("source", "com.example.deployments");
        event.put("detail-type", "Ferry Migration Requested");
        event.put("time", "2030-01-01T00:00:00Z");
        event.set("detail", document);
        yield event;
      }
    };
  }
}
