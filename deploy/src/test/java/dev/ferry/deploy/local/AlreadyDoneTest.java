package dev.ferry.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.deploy.AuditRow;
import dev.ferry.deploy.InputDocument;
import dev.ferry.deploy.Progress;
import dev.ferry.deploy.ShippedMigrations;
import dev.ferry.deploy.StartRequest;
import dev.ferry.deploy.TableNames;
import dev.ferry.dsl.compile.MachineStructure;
import dev.ferry.engine.ExecutionResult;
import dev.ferry.engine.ExecutionStatus;
import dev.ferry.tasks.local.LocalSecrets;
import dev.ferry.tasks.local.LocalWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The second night's run of postgres-schema-upgrade on a database already at the target version
 * (and one past it) ends SUCCEEDED right after the lock: no pause, no snapshot, no change.
 */
class AlreadyDoneTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aRunOnAnAlreadyMigratedDatabaseSucceedsTouchingNothing() throws Exception {
    try (LocalTarget local = LocalTarget.open(LocalSettings.temporary())) {
      LocalWriter writer = OrdersDb.atVersionOne(local);

      ExecutionResult first = local.run(request("2", "night-1")).await(Duration.ofMinutes(3));
      assertThat(first.status()).as("%s", first).isEqualTo(ExecutionStatus.SUCCEEDED);
      List<String> databases = local.postgres().databases();
      MachineStructure structure = ShippedMigrations.compile("postgres-schema-upgrade", TableNames.DEFAULT).requireStructure();

      for (String[] night : new String[][] {{"2", "night-2"}, {"1", "night-3"}}) {
        int pausesBefore = writer.stops();
        LocalRun again = local.run(request(night[0], night[1]));
        ExecutionResult result = again.await(Duration.ofMinutes(3));

        assertThat(result.status()).as("%s", result).isEqualTo(ExecutionStatus.SUCCEEDED);
        List<AuditRow> rows = again.auditRows();
        assertThat(rows).extracting(r -> r.step() + " " + r.phase()).containsExactly("run STARTED",
            "check-schema-version STARTED", "check-schema-version SUCCEEDED", "run SUCCEEDED");
        assertThat(rows.getLast().cause()).startsWith("nothing to do: check-schema-version found upToDate is true");
        Set<String> entered = new TreeSet<>();
        again.execution().history().stream().filter(e -> e.type().endsWith("StateEntered"))
            .forEach(e -> structure.stepOf(e.detail("name")).ifPresent(entered::add));
        assertThat(entered).as("steps whose states the run entered").containsExactly("check-schema-version");
        assertThat(writer.stops()).as("no pause").isEqualTo(pausesBefore);
        assertThat(local.postgres().databases()).as("no snapshot").isEqualTo(databases);
        assertThat(OrdersDb.schemaVersion(local)).as("no change").isEqualTo("2");
        Progress progress = local.store().requireProgress("orders-db");
        assertThat(progress.status()).isEqualTo("SUCCEEDED");
        assertThat(progress.lockHolder()).as("released").isEmpty();
      }
    }
  }

  private static StartRequest request(String version, String requestId) {
    ObjectNode parameters = JSON.createObjectNode().put("dbInstanceIdentifier", "orders-db")
        .put("secretArn", LocalSecrets.arnFor("orders-db")).put("targetVersion", version);
    parameters.putArray("writers").addObject().put("type", "local").put("name", "orders-db-writer");
    parameters.putObject("expectedColumns").putArray("orders").add("status");
    return new StartRequest("postgres-schema-upgrade", new InputDocument("orders-db", "schedule", "schedule", parameters),
        Optional.of(requestId));
  }
}
