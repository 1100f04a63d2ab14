package dev.ferry.worlds.metaflow;

import static dev.ferry.tasks.local.LocalPostgres.quote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.engine.LambdaHandler;
import dev.ferry.tasks.FerryHandler;
import dev.ferry.tasks.Json;
import dev.ferry.tasks.local.LocalPostgres;
import dev.ferry.tasks.migrationservice.MigrationService;
import dev.ferry.tasks.writers.PauseWritersHandler;
import dev.ferry.tasks.writers.ResumeWritersHandler;
import dev.ferry.worlds.RunEnd;
import dev.ferry.worlds.WorldCheck;
import java.net.URI;
import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The Metaflow metadata service as one run of {@code metaflow-service-upgrade} finds it, on one
 * database of the embedded PostgreSQL: the migration service over HTTP on a loopback port, and the
 * metadata service's ECS stand-in running {@value #TASKS} tasks that keep recording runs while it
 * is up; and what must hold after the run.
 *
 * <p>Functions it stands in for ({@link #functions}): {@code ExecuteDBMigration} (the Metaflow
 * stack's own Lambda, {@link ExecuteDbMigration}), and the shipped {@code ferry-writers-pause} /
 * {@code -resume} on an adapter that scales the stand-in service ({@link MetadataServiceScaling}).
 * The guard, snapshot and HTTP check functions run on their usual local adapters.
 */
public final class MetaflowStack implements AutoCloseable {

  public static final String MIGRATION = "metaflow-service-upgrade";
  public static final String DATABASE = "metaflow-db";
  public static final String SERVICE = "metadata-service";
  public static final String CLUSTER = "metaflow";
  public static final int TASKS = 2;
  /** The sample flows and runs every run starts with, on schema V1. */
  public static final List<String> SEED_SQL = List.of(
      "INSERT INTO flows (flow_id) SELECT 'Flow' || g FROM generate_series(1, 8) g",
      "INSERT INTO runs (flow_id, status) SELECT 'Flow' || (1 + g % 8),"
          + " CASE WHEN g % 5 = 0 THEN 'failed' ELSE 'completed' END FROM generate_series(1, 60) g");
  private static final Duration TASK_INTERVAL = Duration.ofMillis(5);
  private static final Duration WRITES_TIMEOUT = Duration.ofSeconds(10);

  private final LocalPostgres postgres;
  private final String database;
  private final MetadataSchema schema;
  private final MetadataService service;
  private final MetadataServiceScaling scaling;
  private final MigrationServiceServer migrationService;
  private final HttpClient http = HttpClient.newHttpClient();
  private final long seededRuns;
  private final String seededDigest;

  private MetaflowStack(LocalPostgres postgres, String database) throws SQLException {
    this.postgres = postgres;
    this.database = database;
    this.schema = new MetadataSchema(postgres, database);
    this.service = new MetadataService(SERVICE, CLUSTER, postgres, database, TASK_INTERVAL);
    this.scaling = new MetadataServiceScaling(service);
    try (Connection c = postgres.connect(database)) {
      seededRuns = maxRunId(c);
      seededDigest = seededDigest(c, seededRuns);
    }
    this.migrationService = MigrationServiceServer.start(schema);
  }

  /**
   * Starts the services on {@code database}, which holds what a run starts from: the migration
   * service answering, the metadata service at {@value #TASKS} tasks and recording runs.
   */
  public static MetaflowStack open(LocalPostgres postgres, String database) throws SQLException {
    MetaflowStack stack = new MetaflowStack(postgres, database);
    stack.service.scaleTo(TASKS);
    stack.awaitRuns(3);
    return stack;
  }

  /** Creates {@code database} afresh (dropping it and every snapshot or restore of it) at schema V1 with the sample rows. */
  public static void createSeeded(LocalPostgres postgres, String database) throws SQLException {
    try (Connection c = postgres.connect("postgres"); Statement s = c.createStatement()) {
      List<String> names = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE '" + database
          + "%' OR datname LIKE 'ferry-" + database + "%'")) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
      for (String name : names) {
        s.execute("DROP DATABASE " + quote(name) + " WITH (FORCE)");
      }
      s.execute("CREATE DATABASE " + quote(database));
    }
    new MetadataSchema(postgres, database).migrateTo(1);
    try (Connection c = postgres.connect(database); Statement s = c.createStatement()) {
      for (String sql : SEED_SQL) {
        s.execute(sql);
      }
    }
  }

  /** The functions this world serves itself, by the name the runbook calls them, on the stack of the run going on. */
  public static Map<String, LambdaHandler> functions(Supplier<MetaflowStack> current) {
    return Map.of(
        ExecuteDbMigration.FUNCTION, payload -> new ExecuteDbMigration(current.get().migrationServiceUrl()).handle(payload),
        "ferry-writers-pause", payload -> adapt(new PauseWritersHandler(current.get().scaling)).apply(payload),
        "ferry-writers-resume", payload -> adapt(new ResumeWritersHandler(current.get().scaling)).apply(payload));
  }

  private static <I, O> java.util.function.Function<JsonNode, JsonNode> adapt(FerryHandler<I, O> handler) {
    return Json.adapt(handler, handler.inputType(), Json.mapper());
  }

  /** The execution input's parameters. */
  public ObjectNode parameters() {
    ObjectNode parameters = JsonNodeFactory.instance.objectNode()
        .put("dbInstanceIdentifier", database)
        .put("migrationServiceUrl", migrationService.url());
    parameters.putObject("service").put("type", "ecs").put("name", SERVICE).put("cluster", CLUSTER);
    return parameters;
  }

  // ---------------------------------------------------------------- checks

  /** The world's invariants after a run that ended {@code end}. */
  public List<WorldCheck> check(RunEnd end) throws SQLException {
    List<WorldCheck> checks = new ArrayList<>();
    checks.add(serviceCheck(end));
    MetadataSchema.Status status = schema.status();
    boolean migrated = status.currentVersion() == MetadataSchema.LATEST && status.upToDate();
    boolean asBefore = status.currentVersion() == 1;
    boolean schemaOk = switch (end) {
      case SUCCEEDED, INCOMPLETE -> migrated;
      case ROLLED_BACK -> asBefore;
      case ROLLBACK_FAILED, OTHER -> migrated || asBefore;
    };
    checks.add(WorldCheck.of("metadata schema", schemaOk, "schema V" + status.currentVersion()
        + (status.upToDate() ? ", up to date" : ", unapplied " + status.unapplied()) + " after the run ended " + end));
    String version = MigrationService.getJson(http, URI.create(migrationService.url() + "/version"), Duration.ofSeconds(10))
        .path("version").asText();
    String expected = MetadataSchema.serviceVersion(status.currentVersion());
    checks.add(WorldCheck.of("GET /version", version.equals(expected), "reports " + version + " for schema V"
        + status.currentVersion() + " (expected " + expected + ")"));
    try (Connection c = postgres.connect(database)) {
      String digest = seededDigest(c, seededRuns);
      checks.add(WorldCheck.of("seeded rows", digest.equals(seededDigest), digest.equals(seededDigest)
          ? "the seeded flows and runs are unchanged" : "the seeded flows or runs changed: " + digest + " vs " + seededDigest));
      checks.add(acknowledgedCheck(c));
    }
    return List.copyOf(checks);
  }

  private WorldCheck serviceCheck(RunEnd end) {
    int count = service.desiredCount();
    if (end == RunEnd.ROLLBACK_FAILED || end == RunEnd.INCOMPLETE) {
      return WorldCheck.of("metadata service", true, count + " tasks (a run that ended " + end
          + " may keep it paused for an operator)");
    }
    if (count != TASKS) {
      return WorldCheck.of("metadata service", false, count + " tasks running, " + TASKS + " before the run");
    }
    boolean recording = awaitRuns(service.acknowledged().size() + 2);
    return WorldCheck.of("metadata service", recording, TASKS + " tasks " + (recording ? "recording runs again" : "running but recording nothing"));
  }

  private WorldCheck acknowledgedCheck(Connection c) throws SQLException {
    List<Long> acknowledged = service.acknowledged();
    Set<Long> present = new HashSet<>();
    try (PreparedStatement s = c.prepareStatement("SELECT id FROM runs WHERE id > ?")) {
      s.setLong(1, seededRuns);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          present.add(rs.getLong(1));
        }
      }
    }
    long lost = acknowledged.stream().filter(id -> !present.contains(id)).count();
    // A restore rewinds the id sequence: an id acknowledged twice means its first run was lost.
    long reused = acknowledged.size() - new HashSet<>(acknowledged).size();
    return WorldCheck.of("acknowledged runs", lost == 0 && reused == 0, acknowledged.size() + " runs acknowledged by the service, "
        + lost + " lost" + (reused == 0 ? "" : ", " + reused + " ids handed out twice"));
  }

  // ---------------------------------------------------------------- pieces, for tests and checks

  public MetadataService service() {
    return service;
  }

  public MetadataSchema schema() {
    return schema;
  }

  public String migrationServiceUrl() {
    return migrationService.url();
  }

  private static long maxRunId(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT coalesce(max(id), 0) FROM runs")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The seeded flows and runs (their columns of schema V1), as one digest. */
  private static String seededDigest(Connection c, long seededRuns) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("""
        SELECT (SELECT count(*) || ':' || md5(string_agg(flow_id, ',' ORDER BY flow_id)) FROM flows)
          || '/' || (SELECT count(*) || ':' || md5(string_agg(id || flow_id || status, ',' ORDER BY id)) FROM runs WHERE id <= ?)""")) {
      s.setLong(1, seededRuns);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  private boolean awaitRuns(int count) {
    Instant deadline = Instant.now().plus(WRITES_TIMEOUT);
    while (service.acknowledged().size() < count) {
      if (Instant.now().isAfter(deadline)) {
        return false;
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    service.scaleTo(0);
    migrationService.close();
  }
}
