package dev.ferry.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.deploy.CompiledMachine;
import dev.ferry.deploy.DeployRequest;
import dev.ferry.deploy.InputDocument;
import dev.ferry.deploy.StartRequest;
import dev.ferry.dsl.Migration;
import dev.ferry.dsl.Step;
import dev.ferry.dsl.compile.Compiler;
import dev.ferry.engine.ExecutionResult;
import dev.ferry.engine.ExecutionStatus;
import dev.ferry.tasks.local.LocalSecrets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A run that finds its target locked asks, inside the machine, whether the holder still runs, and
 * fails {@code Ferry.LockHeld} naming the holder, its status, its last step and what to do; the lock
 * stays where it is.
 */
class LockHolderCheckTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void afterACrashMidUpgradeTheNextRunNamesTheHolderItsStepAndTheRedrive() throws Exception {
    try (LocalTarget local = LocalTarget.open(LocalSettings.temporary())) {
      OrdersDb.atVersionOne(local);
      local.faults().inject("ferry-schema-migrate", new Fault.Crash(1));

      LocalRun crashed = local.run(upgrade("first"));
      ExecutionResult ended = crashed.await(Duration.ofMinutes(3));
      assertThat(ended.status()).as("%s", ended).isEqualTo(ExecutionStatus.ABORTED);
      awaitStatus(local, "orders-db", "ABANDONED");

      LocalRun next = local.run(upgrade("second"));
      ExecutionResult refused = next.await(Duration.ofMinutes(1));

      assertThat(refused.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(refused.error()).isEqualTo("Ferry.LockHeld");
      assertThat(refused.cause()).isEqualTo("Ferry.LockHeld: target 'orders-db' is locked by " + crashed.id()
          + ", which ended ABORTED at step apply-schema-migrations (progress ABANDONED) without releasing the lock;"
          + " continue it from that step with: ferry redrive " + crashed.id());
      assertThat(local.store().requireProgress("orders-db").lockHolder()).as("the lock is kept").hasValue(crashed.id());
      assertThat(local.store().requireProgress("orders-db").status()).isEqualTo("ABANDONED");
      assertThat(local.audit("orders-db", Optional.of(next.name()))).as("the refused run wrote nothing").isEmpty();

      local.redrive(crashed.name());
      ExecutionResult redriven = crashed.await(Duration.ofMinutes(3));
      assertThat(redriven.status()).as("the command the cause names recovers: %s", redriven).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(local.store().requireProgress("orders-db").lockHolder()).isEmpty();
    }
  }

  @Test
  void aHolderThatStillRunsIsSaidToRunAndAFailedCheckStillNamesTheHolder() throws Exception {
    try (LocalTarget local = LocalTarget.open(LocalSettings.temporary())) {
      local.ensureInfrastructure(new DeployRequest(approvalOnly(), Optional.empty(), List.of(), Optional.empty()));
      LocalRun waiting = local.run(approval("first"));
      awaitPending(local, "cluster-a");

      ExecutionResult refused = local.run(approval("second")).await(Duration.ofMinutes(1));
      assertThat(refused.error()).isEqualTo("Ferry.LockHeld");
      assertThat(refused.cause()).isEqualTo("Ferry.LockHeld: target 'cluster-a' is locked by " + waiting.id()
          + ", which still runs (RUNNING, at step approve-cutover, progress RUNNING); wait for it to end, or stop it with:"
          + " ferry stop " + waiting.id() + " --reason '<why>'; then start this run again");

      local.faults().inject("ferry-lock-holder", Fault.fail("States.TaskFailed", "the check is down (injected)"));
      ExecutionResult unchecked = local.run(approval("third")).await(Duration.ofMinutes(2));
      assertThat(unchecked.error()).as("a failed check still fails LockHeld").isEqualTo("Ferry.LockHeld");
      assertThat(unchecked.cause()).as("named from the progress item, as before the check")
          .isEqualTo("target cluster-a is locked by execution " + waiting.id() + " (migration approve-cutover, status RUNNING);"
              + " wait for it to end, or clear a stale lock with ferry unlock --reason");

      local.approve("cluster-a", "alice@example.com", "go");
      assertThat(waiting.await(Duration.ofMinutes(1)).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }
  }

  private static StartRequest upgrade(String requestId) {
    ObjectNode parameters = JSON.createObjectNode().put("dbInstanceIdentifier", "orders-db")
        .put("secretArn", LocalSecrets.arnFor("orders-db")).put("targetVersion", "2");
    parameters.putArray("writers").addObject().put("type", "local").put("name", "orders-db-writer");
    parameters.putObject("expectedColumns").putArray("orders").add("status");
    return new StartRequest("postgres-schema-upgrade", new InputDocument("orders-db", "test", "api", parameters),
        Optional.of(requestId));
  }

  private static CompiledMachine approvalOnly() {
    return CompiledMachine.parse("approve-cutover", Compiler.compile(Migration.named("approve-cutover")
        .step(Step.approval("approve-cutover", "Cut over to the new cluster?"))
        .build()).json());
  }

  private static StartRequest approval(String requestId) {
    return new StartRequest("approve-cutover", new InputDocument("cluster-a", "ops", "api", JSON.createObjectNode()),
        Optional.of(requestId));
  }

  private static void awaitStatus(LocalTarget local, String target, String status) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(30);
    while (!local.store().requireProgress(target).status().equals(status)) {
      assertThat(Instant.now()).as("progress becomes %s", status).isBefore(deadline);
      Thread.sleep(20);
    }
  }

  private static void awaitPending(LocalTarget local, String target) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    while (local.store().progress(target).flatMap(p -> p.pendingApproval()).isEmpty()) {
      assertThat(Instant.now()).as("the run waits for approval").isBefore(deadline);
      Thread.sleep(20);
    }
  }
}
