package dev.ferry.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.deploy.AuditRow;
import dev.ferry.deploy.FerryException;
import dev.ferry.deploy.InputDocument;
import dev.ferry.deploy.RunStatus;
import dev.ferry.deploy.StartRequest;
import dev.ferry.engine.ExecutionResult;
import dev.ferry.engine.ExecutionStatus;
import dev.ferry.tasks.TaskCatalog;
import dev.ferry.tasks.local.LocalSecrets;
import dev.ferry.tasks.local.LocalWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local target on its real parts: DynamoDB Local, the embedded PostgreSQL, the local engine. */
class LocalTargetTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MIGRATION = "postgres-schema-upgrade";

  @TempDir Path state;

  @Test
  void runsTheShippedMigrationAndKeepsItsRecordsForLaterCommands() throws Exception {
    String name;
    try (LocalTarget local = LocalTarget.open(LocalSettings.in(state))) {
      seed(local, "orders-db");
      LocalRun run = local.run(request("orders-db", "2", "run-1"));
      List<String> followed = new ArrayList<>();
      ExecutionResult result = run.follow(Duration.ofMinutes(2), row -> followed.add(row.step() + " " + row.phase()));
      name = run.name();

      assertThat(result.status()).as("%s", result).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(followed).containsExactly("run STARTED", "check-schema-version STARTED", "check-schema-version SUCCEEDED", "pause-writers STARTED", "pause-writers SUCCEEDED",
          "snapshot-database STARTED", "snapshot-database SUCCEEDED", "capture-baseline STARTED", "capture-baseline SUCCEEDED",
          "apply-schema-migrations STARTED", "apply-schema-migrations SUCCEEDED", "verify-schema STARTED",
          "verify-schema SUCCEEDED", "resume-writers STARTED", "resume-writers SUCCEEDED", "run SUCCEEDED");
      assertThat(followed).isEqualTo(run.auditRows().stream().map(r -> r.step() + " " + r.phase()).toList());
      assertThat(schemaVersion(local, "orders-db")).isEqualTo("2");
    }
    try (LocalTarget later = LocalTarget.open(LocalSettings.in(state))) {
      RunStatus status = later.status("orders-db");
      assertThat(status.progress().status()).isEqualTo("SUCCEEDED");
      assertThat(status.execution()).hasValueSatisfying(e -> assertThat(e.status()).isEqualTo("SUCCEEDED"));
      assertThat(later.history("orders-db")).extracting(e -> e.type()).contains("ExecutionStarted", "ExecutionSucceeded");
      assertThat(later.audit("orders-db", Optional.of(name))).isNotEmpty();
      assertThat(later.start(request("orders-db", "2", "run-1")).alreadyStarted()).isTrue();
      assertThatThrownBy(() -> later.redrive(name)).isInstanceOf(FerryException.class).hasMessageContaining("another process");
      assertThat(schemaVersion(later, "orders-db")).as("the database outlived the process").isEqualTo("2");
    }
  }

  @Test
  void aFaultAtVerifyRestoresTheSnapshotAndDynamoDbAndThrottleFaultsAreRetried() throws Exception {
    try (LocalTarget local = LocalTarget.open(LocalSettings.temporary())) {
      seed(local, "shop-db");
      local.faults().inject("ferry-schema-migrate", Fault.throttle(2));
      local.faults().inject(new Faults.DynamoDbFault("TransactWriteItems", "ProvisionedThroughputExceededException", 1));
      ExecutionResult first = local.run(request("shop-db", "2", "a")).await(Duration.ofMinutes(2));
      assertThat(first.status()).as("%s", first).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(local.faults().calls("ferry-schema-migrate")).isEqualTo(3);

      local.faults().clear();
      local.faults().inject("ferry-schema-verify", Fault.fail("Ferry.VerificationFailed", "injected at verify"));
      LocalRun second = local.run(request("shop-db", "3", "b"));
      ExecutionResult failed = second.await(Duration.ofMinutes(2));

      assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(failed.error()).startsWith("Ferry.");
      assertThat(failed.cause()).contains("verify-schema");
      List<AuditRow> rows = second.auditRows();
      assertThat(rows).extracting(r -> r.step() + " " + r.phase())
          .containsSubsequence("apply-schema-migrations SUCCEEDED", "verify-schema FAILED",
              "apply-schema-migrations COMPENSATING", "apply-schema-migrations COMPENSATED",
              "pause-writers COMPENSATING", "pause-writers COMPENSATED", "run FAILED");
      assertThat(schemaVersion(local, "shop-db")).as("restored to before run 2").isEqualTo("2");
      assertThat(local.status("shop-db").progress().status()).isEqualTo("ROLLED_BACK");
      LocalWriter writer = local.writers().get("shop-db-writer");
      assertThat(writer.state()).as("resumed after the rollback").isEqualTo(LocalWriter.State.RUNNING);
    }
  }

  private static void seed(LocalTarget local, String database) throws Exception {
    local.postgres().createDatabase(database);
    ObjectNode payload = JSON.createObjectNode().put("secretArn", LocalSecrets.arnFor(database))
        .put("location", "classpath:db/demo").put("targetVersion", "1");
    TaskCatalog.function("ferry-schema-migrate").orElseThrow().local(local.environment()).apply(payload);
    local.writers().register(new LocalWriter(database + "-writer", local.postgres(), database, "orders", Duration.ofMillis(20))).start();
  }

  private static StartRequest request(String database, String version, String requestId) {
    ObjectNode parameters = JSON.createObjectNode()
        .put("dbInstanceIdentifier", database)
        .put("secretArn", LocalSecrets.arnFor(database))
        .put("targetVersion", version);
    parameters.putArray("writers").addObject().put("type", "local").put("name", database + "-writer");
    ObjectNode columns = parameters.putObject("expectedColumns");
    columns.putArray("orders").add("status");
    if (version.equals("3")) {
      columns.putArray("customers").add("email");
    }
    return new StartRequest(MIGRATION, new InputDocument(database, "test", "api", parameters), Optional.of(requestId));
  }

  private static String schemaVersion(LocalTarget local, String database) throws Exception {
    try (Connection c = local.postgres().connect(database); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT max(version::int)::text FROM flyway_schema_history WHERE success")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
