package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.deploy.AuditRow;
import dev.ferry.deploy.CompiledMachine;
import dev.ferry.deploy.DeployRequest;
import dev.ferry.deploy.FerryException;
import dev.ferry.deploy.InputDocument;
import dev.ferry.deploy.Progress;
import dev.ferry.deploy.ShippedMigrations;
import dev.ferry.deploy.StartRequest;
import dev.ferry.deploy.StuckLock;
import dev.ferry.deploy.TableNames;
import dev.ferry.deploy.local.Fault;
import dev.ferry.deploy.local.Faults;
import dev.ferry.deploy.local.LocalRun;
import dev.ferry.deploy.local.LocalSettings;
import dev.ferry.deploy.local.LocalTarget;
import dev.ferry.engine.ExecutionResult;
import dev.ferry.engine.ExecutionStatus;
import dev.ferry.tasks.TaskCatalog;
import dev.ferry.tasks.local.LocalSecrets;
import dev.ferry.tasks.local.LocalWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * The four ways a run ends without releasing its lock, on the local target (DynamoDB Local, the
 * embedded PostgreSQL, the local engine): stopped by an operator, timed out, failed where no Catch
 * runs, and ended mid-upgrade by a dying process. Each leaves progress ABANDONED, one ABANDONED
 * audit row naming the step it was on, the lock held and nothing undone or resumed behind the
 * operator's back; {@code ferry status} and the next {@code ferry start} name the holder, how it
 * ended, its last step and the one command that recovers.
 */
class StuckLockCasesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MIGRATION = "postgres-schema-upgrade";
  private static final String TARGET = "orders-db";

  @TempDir Path state;

  @Test
  void anOperatorStopsARunWithFerryStopFromAnotherProcessAndRedriveFinishesIt() throws Exception {
    try (LocalTarget local = LocalTarget.open(LocalSettings.in(state))) {
      seed(local);
      // Long enough for a second process to start and ask on a busy machine; the stop ends the wait.
      local.faults().inject("ferry-schema-verify", new Fault.Sleep(Duration.ofSeconds(45), 1));
      LocalRun run = local.run(request("stop"));
      awaitStep(local, "verify-schema");

      CliRun stop = CliRun.of("stop", TARGET, "--local", "--local-dir", state.toString(),
          "--reason", "INC-7: outside the change window", "--by", "bob");

      assertThat(stop.exitCode()).as(stop.err()).isZero();
      assertThat(stop.out()).contains("stopped: " + run.id() + " (ABORTED)");
      ExecutionResult ended = run.await(Duration.ofSeconds(30));
      assertThat(ended.status()).isEqualTo(ExecutionStatus.ABORTED);
      assertThat(ended.error()).isEqualTo("Ferry.Stopped");
      AuditRow abandoned = expectStuck(local, run, "verify-schema", "ABORTED", "Ferry.Stopped");
      assertThat(abandoned.cause()).contains("stopped by bob: INC-7: outside the change window");
      assertThat(local.writers().get(TARGET + "-writer").state()).as("still paused: the run never resumed it")
          .isEqualTo(LocalWriter.State.STOPPED);

      assertThatThrownBy(() -> local.stop(TARGET, "bob", "twice")).isInstanceOf(FerryException.class)
          .hasMessageContaining("execution " + run.name() + " already ended ABORTED");
      assertThat(StuckLock.of(local.status(TARGET), local).orElseThrow().command()).isEqualTo("ferry redrive " + run.id());
      local.redrive(run.name());
      ExecutionResult redriven = run.await(Duration.ofMinutes(2));
      assertThat(redriven.status()).as("%s", redriven).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(local.store().requireProgress(TARGET).lockHolder()).as("released by the run that finished").isEmpty();
      assertThat(local.writers().get(TARGET + "-writer").state()).isEqualTo(LocalWriter.State.RUNNING);
    }
  }

  @Test
  void aRunThatOutlivesItsExecutionTimeoutEndsTimedOutAtItsStep() throws Exception {
    try (LocalTarget local = LocalTarget.open(LocalSettings.in(state))) {
      seed(local);
      // Ferry's machines set no execution timeout; a team may give its definition one, as Step Functions allows.
      CompiledMachine shipped = ShippedMigrations.compile(MIGRATION, TableNames.DEFAULT);
      ObjectNode definition = (ObjectNode) JSON.readTree(shipped.definitionJson());
      definition.put("TimeoutSeconds", 8);
      local.ensureInfrastructure(new DeployRequest(shipped.withDefinition(definition.toString()), Optional.empty(),
          List.of(), Optional.empty()));
      // The first step outlives the execution's timeout, with margin on both sides for a busy machine.
      local.faults().inject("ferry-schema-version", new Fault.Sleep(Duration.ofSeconds(20), 1));
      LocalRun run = local.run(request("timeout"));

      ExecutionResult ended = run.await(Duration.ofSeconds(30));

      assertThat(ended.status()).as("%s", ended).isEqualTo(ExecutionStatus.TIMED_OUT);
      expectStuck(local, run, "check-schema-version", "TIMED_OUT", "States.Timeout");
    }
  }

  @Test
  void aFailureNoCatchHandlesAtTheRunsLastRecordKeepsTheLock() throws Exception {
    try (LocalTarget local = LocalTarget.open(LocalSettings.in(state))) {
      seed(local);
      // The state that records success and releases the lock is the one Task without a Catch: a
      // refused write there (the machine role lost dynamodb:UpdateItem) fails the execution itself.
      local.faults().inject(new Faults.DynamoDbFault("TransactWriteItems", "AccessDeniedException", Fault.ALWAYS,
          request -> request instanceof TransactWriteItemsRequest t && t.transactItems().stream()
              .anyMatch(i -> i.update() != null && i.update().updateExpression().contains("REMOVE #lockHolder")
                  && "SUCCEEDED".equals(i.update().expressionAttributeValues().get(":status").s()))));
      LocalRun run = local.run(request("uncaught"));

      ExecutionResult ended = run.await(Duration.ofMinutes(2));

      assertThat(ended.status()).as("%s", ended).isEqualTo(ExecutionStatus.FAILED);
      // As on AWS, DynamoDB models no AccessDeniedException: the SDK integration names the generic one.
      assertThat(ended.error()).isEqualTo("DynamoDb.DynamoDbException");
      AuditRow abandoned = expectStuck(local, run, "resume-writers", "FAILED", "DynamoDb.DynamoDbException");
      assertThat(abandoned.cause()).contains("injected fault: AccessDeniedException");
      assertThat(run.auditRows()).extracting(r -> r.step() + " " + r.phase()).as("no end recorded by the run itself")
          .doesNotContain("run SUCCEEDED", "run FAILED");
    }
  }

  @Test
  void aProcessThatDiesMidUpgradeLeavesTheLockToRedriveOrUnlock() throws Exception {
    try (LocalTarget local = LocalTarget.open(LocalSettings.in(state))) {
      seed(local);
      local.faults().inject("ferry-schema-migrate", new Fault.Crash(1));
      LocalRun run = local.run(request("crash"));

      ExecutionResult ended = run.await(Duration.ofMinutes(2));

      assertThat(ended.status()).as("%s", ended).isEqualTo(ExecutionStatus.ABORTED);
      expectStuck(local, run, "apply-schema-migrations", "ABORTED", "Ferry.ProcessDied");
      assertThat(local.writers().get(TARGET + "-writer").state()).isEqualTo(LocalWriter.State.STOPPED);
    }
  }

  /**
   * What every case leaves: progress ABANDONED at {@code step} with the lock held by the run, one
   * ABANDONED audit row for that step and no compensation; this process may redrive the run, and
   * a later process (the CLI's {@code status} and {@code start}) names the holder, how it ended,
   * the step and {@code ferry unlock}, since it cannot redrive a run it did not run.
   */
  private AuditRow expectStuck(LocalTarget local, LocalRun run, String step, String ended, String error) throws Exception {
    awaitStatus(local, "ABANDONED");
    Progress progress = local.store().requireProgress(TARGET);
    assertThat(progress.lockHolder()).as("kept").hasValue(run.id());
    assertThat(progress.currentStep()).isEqualTo(step);
    List<AuditRow> rows = run.auditRows();
    assertThat(rows).extracting(AuditRow::phase).as("nothing compensated").doesNotContain("COMPENSATING", "COMPENSATED");
    assertThat(rows).filteredOn(r -> r.phase().equals("ABANDONED")).singleElement().satisfies(r -> {
      assertThat(r.step()).isEqualTo(step);
      assertThat(r.kind()).isEqualTo("run");
      assertThat(r.error()).isEqualTo(error);
      assertThat(r.cause()).contains("ended " + ended + " during step " + step).contains("the lock is kept");
    });
    StuckLock here = StuckLock.of(local.status(TARGET), local).orElseThrow();
    assertThat(here.message()).isEqualTo("Ferry.LockHeld: target '" + TARGET + "' is locked by " + run.id()
        + ", which ended " + ended + " at step " + step + " (progress ABANDONED) without releasing the lock");
    assertThat(here.command()).isEqualTo("ferry redrive " + run.id());

    // Printed with the flags that name this local target, so the command runs as shown.
    String unlock = "ferry unlock " + TARGET + " --local --local-dir " + state + " --reason '<what you checked or repaired>'";
    CliRun status = CliRun.of("status", TARGET, "--local", "--local-dir", state.toString());
    assertThat(status.exitCode()).as(status.err()).isEqualTo(1);
    assertThat(status.out()).contains("status     ABANDONED (execution " + ended + ")", "lock       held by " + run.id(),
        "recover    Ferry.LockHeld: target '" + TARGET + "' is locked by " + run.id() + ", which ended " + ended
            + " at step " + step, unlock);
    CliRun start = CliRun.of("start", TARGET, "--local", "--local-dir", state.toString(), "--migration", MIGRATION,
        "--request-id", "next", "--param", "dbInstanceIdentifier=" + TARGET, "--param", "targetVersion=\"2\"",
        "--param", "expectedColumns={\"orders\":[\"status\"]}");
    assertThat(start.exitCode()).as(start.out() + start.err()).isEqualTo(FerryException.TARGET);
    assertThat(start.err()).contains("is locked by " + run.id() + ", which ended " + ended + " at step " + step, unlock);
    assertThat(local.store().requireProgress(TARGET).lockHolder()).as("the refused start changed nothing").hasValue(run.id());
    return rows.stream().filter(r -> r.phase().equals("ABANDONED")).findFirst().orElseThrow();
  }

  private static void awaitStep(LocalTarget local, String step) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    while (!local.store().progress(TARGET).map(Progress::currentStep).orElse("").equals(step)) {
      assertThat(Instant.now()).as("the run reaches %s", step).isBefore(deadline);
      Thread.sleep(20);
    }
  }

  private static void awaitStatus(LocalTarget local, String status) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(30);
    while (!local.store().requireProgress(TARGET).status().equals(status)) {
      assertThat(Instant.now()).as("progress becomes %s", status).isBefore(deadline);
      Thread.sleep(20);
    }
  }

  private static void seed(LocalTarget local) {
    local.postgres().createDatabase(TARGET);
    ObjectNode payload = JSON.createObjectNode().put("secretArn", LocalSecrets.arnFor(TARGET))
        .put("location", "classpath:db/demo").put("targetVersion", "1");
    TaskCatalog.function("ferry-schema-migrate").orElseThrow().local(local.environment()).apply(payload);
    local.writers().register(new LocalWriter(TARGET + "-writer", local.postgres(), TARGET, "orders", Duration.ofMillis(20))).start();
  }

  private static StartRequest request(String requestId) {
    ObjectNode parameters = JSON.createObjectNode()
        .put("dbInstanceIdentifier", TARGET)
        .put("secretArn", LocalSecrets.arnFor(TARGET))
        .put("targetVersion", "2");
    parameters.putArray("writers").addObject().put("type", "local").put("name", TARGET + "-writer");
    parameters.putObject("expectedColumns").putArray("orders").add("status");
    return new StartRequest(MIGRATION, new InputDocument(TARGET, "alice", "api", parameters), Optional.of(requestId));
  }
}
