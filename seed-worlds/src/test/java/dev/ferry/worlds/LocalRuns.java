package dev.ferry.worlds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.deploy.DeployRequest;
import dev.ferry.deploy.InputDocument;
import dev.ferry.deploy.ShippedMigrations;
import dev.ferry.deploy.StartRequest;
import dev.ferry.deploy.TableNames;
import dev.ferry.deploy.local.LocalRun;
import dev.ferry.deploy.local.LocalTarget;
import dev.ferry.engine.ExecutionStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Runs a shipped migration on a local target against a world, as an operator would: start, redrive once if it stopped. */
public final class LocalRuns {

  private LocalRuns() {}

  public static void deploy(LocalTarget local, String migration) {
    local.ensureInfrastructure(new DeployRequest(ShippedMigrations.compile(migration, TableNames.DEFAULT),
        Optional.empty(), List.of(), Optional.empty()));
  }

  /** How the run's approvals are answered. */
  public enum Approvals { APPROVE, REJECT }

  public static RunEnd run(LocalTarget local, String migration, String target, ObjectNode parameters, String requestId)
      throws TimeoutException {
    return run(local, migration, target, parameters, requestId, Approvals.APPROVE);
  }

  /** Runs {@code migration} for {@code target} to its end and returns how it ended, after clearing the target's rows. */
  public static RunEnd run(LocalTarget local, String migration, String target, ObjectNode parameters, String requestId,
      Approvals approvals) throws TimeoutException {
    local.dynamoDb().deleteItem(r -> r.tableName(TableNames.DEFAULT.progress())
        .key(Map.of("target", AttributeValue.fromS(target))));
    LocalRun run = local.run(new StartRequest(migration, new InputDocument(target, "seed-worlds-test", "api", parameters),
        Optional.of(requestId)));
    answer(local, run, target, approvals);
    if (run.status() == ExecutionStatus.ABORTED || local.store().requireProgress(target).status().equals("RUNNING")) {
      local.faults().clear();
      local.redrive(run.name());
      answer(local, run, target, approvals);
    }
    local.faults().clear();
    return RunEnd.ofProgressStatus(local.store().requireProgress(target).status());
  }

  private static void answer(LocalTarget local, LocalRun run, String target, Approvals approvals) throws TimeoutException {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (run.status() == ExecutionStatus.RUNNING) {
      if (local.store().progress(target).flatMap(p -> p.pendingApproval()).isPresent()) {
        switch (approvals) {
          case APPROVE -> local.approve(target, "seed-worlds-test", "approved by the test");
          case REJECT -> local.reject(target, "seed-worlds-test", "rejected by the test");
        }
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("run " + run.name() + " did not end within a minute");
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TimeoutException("interrupted");
      }
    }
  }
}
