package dev.ferry.deploy.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.deploy.AuditRow;
import dev.ferry.deploy.CompiledMachine;
import dev.ferry.deploy.DeployRequest;
import dev.ferry.deploy.InputDocument;
import dev.ferry.deploy.ShippedMigrations;
import dev.ferry.deploy.StartRequest;
import dev.ferry.deploy.TableNames;
import dev.ferry.deploy.local.Fault;
import dev.ferry.deploy.local.LocalRun;
import dev.ferry.deploy.local.LocalTarget;
import dev.ferry.engine.ExecutionResult;
import dev.ferry.engine.ExecutionStatus;
import dev.ferry.tasks.TaskCatalog;
import dev.ferry.tasks.local.LocalPostgres;
import dev.ferry.tasks.local.LocalSecrets;
import dev.ferry.tasks.local.LocalWriter;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * What {@code ferry demo} does, on a {@link LocalTarget}: the shipped {@code
 * postgres-schema-upgrade} against an embedded PostgreSQL with sample data and a writer that keeps
 * inserting. Run 1 upgrades the schema from V1 to V2 and succeeds; run 2 upgrades to V3, a fault
 * injected at the verify step fails it, and the rollback restores the V2 database and resumes the
 * writer. The report carries both results, the audit trail and the checks on the database.
 */
public final class DemoScenario {

  public static final String MIGRATION = "postgres-schema-upgrade";
  public static final String DATABASE = "orders-db";
  public static final String WRITER = "orders-writer";
  static final int CUSTOMERS = 50;
  static final int SAMPLE_ORDERS = 200;
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One database check the demo makes; {@code ok} false fails the demo. */
  public record Check(String name, boolean ok, String detail) {}

  /** What the demo saw. It passed when both runs ended as expected and every check holds. */
  public record Report(ExecutionResult firstRun, ExecutionResult secondRun, List<AuditRow> audit, List<Check> checks) {
    public boolean passed() {
      return checks.stream().allMatch(Check::ok);
    }
  }

  private DemoScenario() {}

  /** Runs the scenario, narrating on {@code out}; the caller owns (and closes) {@code local}. */
  public static Report run(LocalTarget local, PrintWriter out) throws SQLException, TimeoutException {
    List<Check> checks = new ArrayList<>();
    CompiledMachine machine = ShippedMigrations.compile(MIGRATION, TableNames.DEFAULT);
    local.ensureInfrastructure(new DeployRequest(machine, Optional.empty(), List.of(), Optional.empty()));
    say(out, "compiled " + MIGRATION + ": " + machine.definitionJson().length() + " bytes, "
        + machine.definition().path("States").size() + " top-level states");

    LocalPostgres postgres = local.postgres();
    say(out, "embedded PostgreSQL on port " + postgres.port() + "; DynamoDB Local with tables "
        + TableNames.DEFAULT.progress() + " and " + TableNames.DEFAULT.audit());
    seed(local, postgres);
    LocalWriter writer = local.writers().register(new LocalWriter(WRITER, postgres, DATABASE, "orders", Duration.ofMillis(100)));
    writer.start();
    waitForInserts(writer, 3);
    say(out, "database " + DATABASE + " at schema V1 with " + CUSTOMERS + " customers and " + SAMPLE_ORDERS
        + " orders; writer " + WRITER + " inserting an order every 100 ms");

    say(out, "");
    say(out, "run 1: upgrade " + DATABASE + " to V2");
    ExecutionResult first = follow(local.run(request("2", "demo-run-1")), machine, out);
    checks.add(new Check("run 1 succeeded", first.status() == ExecutionStatus.SUCCEEDED, describe(first)));
    checks.add(new Check("schema at V2 after run 1", "2".equals(schemaVersion(postgres)), "V" + schemaVersion(postgres)));
    int beforeRun2 = writer.acknowledged().size();
    waitForInserts(writer, beforeRun2 + 3);

    say(out, "");
    say(out, "run 2: upgrade " + DATABASE + " to V3, with a fault injected at verify-schema");
    local.faults().inject("ferry-schema-verify",
        Fault.fail("Ferry.VerificationFailed", "injected by ferry demo: the verify step reports a failed check"));
    LocalRun second = local.run(request("3", "demo-run-2"));
    ExecutionResult secondResult = follow(second, machine, out);
    local.faults().clear();
    checks.add(new Check("run 2 failed and rolled back",
        secondResult.status() == ExecutionStatus.FAILED && "ROLLED_BACK".equals(local.store().requireProgress(DATABASE).status()),
        describe(secondResult) + ", progress " + local.store().requireProgress(DATABASE).status()));
    checks.add(new Check("run 2 upgraded to V3 before verify failed", upgradedTo(second, "3"),
        "apply-schema-migrations returned toVersion 3"));
    checks.add(new Check("rollback restored V2", "2".equals(schemaVersion(postgres)) && !hasColumn(postgres, "customers", "email"),
        "V" + schemaVersion(postgres) + ", customers.email " + (hasColumn(postgres, "customers", "email") ? "present" : "absent")));
    int afterRollback = writer.acknowledged().size();
    boolean resumed = writer.state() == LocalWriter.State.RUNNING && waitForInserts(writer, afterRollback + 3);
    checks.add(new Check("writer resumed after the rollback", resumed,
        (writer.acknowledged().size() - afterRollback) + " inserts since the rollback"));
    writer.stop();

    List<Long> acknowledged = writer.acknowledged();
    Set<Long> present = orderIds(postgres);
    long missing = acknowledged.stream().filter(id -> !present.contains(id)).count();
    // A restore rewinds the id sequence too: an id acknowledged twice means the first insert was lost.
    long reused = acknowledged.size() - new HashSet<>(acknowledged).size();
    checks.add(new Check("every acknowledged insert present", missing == 0 && reused == 0,
        acknowledged.size() + " acknowledged, " + missing + " missing, " + reused + " ids handed out twice"));
    checks.add(new Check("row counts", count(postgres, "customers") == CUSTOMERS
            && count(postgres, "orders") == SAMPLE_ORDERS + acknowledged.size(),
        "customers " + count(postgres, "customers") + " (expected " + CUSTOMERS + "), orders " + count(postgres, "orders")
            + " (expected " + SAMPLE_ORDERS + " + " + acknowledged.size() + ")"));
    return new Report(first, secondResult, local.audit(DATABASE, Optional.empty()), checks);
  }

  private static ExecutionResult follow(LocalRun run, CompiledMachine machine, PrintWriter out) throws TimeoutException {
    int steps = machine.requireStructure().topLevel().size();
    Instant started = Instant.now();
    ExecutionResult result = run.follow(RUN_TIMEOUT, row -> {
      String index = row.entry().split("#")[1];
      String position = index.equals("000") ? "     " : "[" + Integer.parseInt(index) + "/" + steps + "]";
      say(out, "  " + position + " " + pad(row.step(), 24) + " " + pad(row.phase(), 13)
          + (row.error().isEmpty() ? "" : " " + row.error()));
    });
    say(out, "  " + result.status() + (result.error() == null ? "" : " with " + result.error())
        + " in " + Duration.between(started, Instant.now()).toMillis() + " ms");
    return result;
  }

  private static StartRequest request(String version, String requestId) {
    ObjectNode parameters = JSON.createObjectNode()
        .put("dbInstanceIdentifier", DATABASE)
        .put("secretArn", LocalSecrets.arnFor(DATABASE))
        .put("targetVersion", version);
    parameters.putArray("writers").addObject().put("type", "local").put("name", WRITER);
    ObjectNode columns = parameters.putObject("expectedColumns");
    columns.putArray("orders").add("status");
    if (version.equals("3")) {
      columns.putArray("customers").add("email");
    }
    return new StartRequest(MIGRATION, new InputDocument(DATABASE, "ferry-demo", "api", parameters), Optional.of(requestId));
  }

  private static void seed(LocalTarget local, LocalPostgres postgres) throws SQLException {
    postgres.createDatabase(DATABASE);
    ObjectNode payload = JSON.createObjectNode().put("secretArn", LocalSecrets.arnFor(DATABASE))
        .put("location", "classpath:db/demo").put("targetVersion", "1");
    TaskCatalog.function("ferry-schema-migrate").orElseThrow().local(local.environment()).apply(payload);
    try (Connection c = postgres.connect(DATABASE); Statement s = c.createStatement()) {
      s.execute("INSERT INTO customers (name) SELECT 'customer ' || g FROM generate_series(1, " + CUSTOMERS + ") g");
      s.execute("INSERT INTO orders (customer_id, amount) SELECT 1 + g % " + CUSTOMERS + ", g * 1.5 FROM generate_series(1, "
          + SAMPLE_ORDERS + ") g");
    }
  }

  /** Whether the upgrade step of {@code run} reported reaching {@code version}. */
  private static boolean upgradedTo(LocalRun run, String version) {
    return run.execution().history().stream()
        .filter(e -> e.type().equals("TaskSucceeded") || e.type().equals("LambdaFunctionSucceeded"))
        .map(e -> e.details().path("output"))
        .anyMatch(o -> o.path("Payload").path("toVersion").asText().equals(version));
  }

  private static boolean waitForInserts(LocalWriter writer, int count) {
    Instant deadline = Instant.now().plusSeconds(10);
    while (writer.acknowledged().size() < count) {
      if (Instant.now().isAfter(deadline)) {
        return false;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  static String schemaVersion(LocalPostgres postgres) throws SQLException {
    return query(postgres, "SELECT max(version::int)::text FROM flyway_schema_history WHERE success AND version IS NOT NULL");
  }

  private static boolean hasColumn(LocalPostgres postgres, String table, String column) throws SQLException {
    return !"0".equals(query(postgres, "SELECT count(*)::text FROM information_schema.columns WHERE table_name = '"
        + table + "' AND column_name = '" + column + "'"));
  }

  private static long count(LocalPostgres postgres, String table) throws SQLException {
    return Long.parseLong(query(postgres, "SELECT count(*)::text FROM " + LocalPostgres.quote(table)));
  }

  private static Set<Long> orderIds(LocalPostgres postgres) throws SQLException {
    Set<Long> ids = new HashSet<>();
    try (Connection c = postgres.connect(DATABASE); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id FROM orders")) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }

  private static String query(LocalPostgres postgres, String sql) throws SQLException {
    try (Connection c = postgres.connect(DATABASE); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static String describe(ExecutionResult result) {
    return result.status() + (result.error() == null ? "" : " (" + result.error() + ")");
  }

  private static String pad(String text, int width) {
    return text.length() >= width ? text : text + " ".repeat(width - text.length());
  }

  private static void say(PrintWriter out, String line) {
    out.println(line);
    out.flush();
  }
}
