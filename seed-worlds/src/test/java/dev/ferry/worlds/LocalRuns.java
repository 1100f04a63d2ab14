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

  /** Runs {@code migration} for {@code target} to its end and returns how it ended, after clearing the target's rows. */
  public static RunEnd run(LocalTarget local, String migration, String target, ObjectNode parameters, String requestId)
      throws TimeoutException {
    local.dynamoDb().deleteItem(r -> r.tableName(TableNames.DEFAULT.progress())
        .key(Map.of("target", AttributeValue.fromS(target))));
    LocalRun run = local.run(new StartRequest(migration, new InputDocument(target, "seed-worlds-test", "api", parameters),
        Optional.of(requestId)));
    run.await(Duration.ofMinutes(1));
    if (run.status() == ExecutionStatus.ABORTED || local.store().requireProgress(target).status().equals("RUNNING")) {
      local.faults().clear();
      local.redrive(run.name());
      run.await(Duration.ofMinutes(1));
    }
    local.faults().clear();
    return RunEnd.ofProgressStatus(local.store().requireProgress(target).status());
  }
}
