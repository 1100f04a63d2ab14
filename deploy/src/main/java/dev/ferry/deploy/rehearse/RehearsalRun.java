package dev.ferry.deploy.rehearse;

import dev.ferry.contract.ProgressItem;
import dev.ferry.contract.Status;
import dev.ferry.deploy.InputDocument;
import dev.ferry.deploy.Progress;
import dev.ferry.deploy.StartRequest;
import dev.ferry.deploy.local.LocalRun;
import dev.ferry.deploy.local.LocalTarget;
import dev.ferry.deploy.rehearse.world.Invariant;
import dev.ferry.deploy.rehearse.world.RunInput;
import dev.ferry.deploy.rehearse.world.RunOutcome;
import dev.ferry.deploy.rehearse.world.StandIn;
import dev.ferry.deploy.rehearse.world.Table;
import dev.ferry.deploy.rehearse.world.Writer;
import dev.ferry.engine.ExecutionResult;
import dev.ferry.engine.ExecutionStatus;
import dev.ferry.tasks.LocalEnvironment;
import dev.ferry.tasks.local.LocalPostgres;
import dev.ferry.tasks.local.LocalSecrets;
import dev.ferry.tasks.local.LocalWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * One run of a rehearsal on its own sibling target: its copies of the world's databases and tables,
 * its writers and stand-ins, the execution (redriven once when it stops mid-way, as an operator
 * would), and the checks after it. Every name it touches carries its id.
 */
final class RehearsalRun implements RunOutcome {
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration WRITER_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration APPROVAL_POLL = Duration.ofMillis(5);
  private static final int WRITER_INSERTS = 3;

  private final Rehearsal.Setup setup;
  private final LocalTarget local;
  private final String id;
  private final Optional<FaultPoint> point;
  private final Optional<FaultKind> fault;
  private final Map<String, LocalWriter> writers = new LinkedHashMap<>();
  private final Map<String, AutoCloseable> standIns = new LinkedHashMap<>();
  private ExecutionResult result;
  private Optional<Progress> progress = Optional.empty();
  private LocalRun run;
  private boolean redriven;

  RehearsalRun(Rehearsal.Setup setup, LocalTarget local, int number, Optional<FaultPoint> point, Optional<FaultKind> fault) {
    this.setup = setup;
    this.local = local;
    this.id = setup.tag() + String.format("r%03d", number);
    this.point = point;
    this.fault = fault;
  }

  /** Sets the world up for this run, runs it, checks it and tears its pieces down. */
  Rehearsal.Run execute() throws Exception {
    Instant started = Instant.now();
    local.faults().clear();
    List<Rehearsal.Check> checks = new ArrayList<>();
    String outcome;
    try {
      prepare();
      if (faultFree()) {
        setup.invariants().before(this);
      }
      RunInput input = setup.world().input().input(this);
      Optional<AlreadyDoneChecks> alreadyDone = fault.filter(FaultKind.ALREADY_DONE::equals).isPresent()
          ? Optional.of(migrateFirst(input)) : Optional.empty();
      point.ifPresent(p -> fault.orElseThrow().arm(local.faults(), p));
      outcome = go(input, "rehearse-" + id) + alreadyDone.map(a -> " (after a first run: " + a.firstOutcome() + ")").orElse("");
      if (faultFree() && result.status() == ExecutionStatus.SUCCEEDED) {
        setup.invariants().migrated(this);
      }
      checks.addAll(UniversalChecks.of(this, setup));
      if (alreadyDone.isPresent()) {
        checks.addAll(alreadyDone.get().of(this, setup.structure(), setup.world().invariants()));
      }
      checks.addAll(worldChecks());
    } finally {
      local.faults().clear();
      tearDown();
    }
    return new Rehearsal.Run(id, point.map(FaultPoint::id), fault, outcome, List.copyOf(checks),
        Duration.between(started, Instant.now()));
  }

  private void prepare() throws Exception {
    for (var database : setup.world().databases()) {
      setup.seeded().copy(postgres(), database.name(), database(database.name()));
    }
    for (Table table : setup.world().tables()) {
      createTable(table);
    }
    for (Writer w : setup.world().writers()) {
      LocalWriter writer = local.writers().register(new LocalWriter(writer(w.name()), postgres(), database(w.database()),
          w.table(), w.interval()));
      writers.put(w.name(), writer);
      writer.start();
    }
    for (LocalWriter writer : writers.values()) {
      awaitInserts(writer, WRITER_INSERTS);
    }
    for (StandIn<?> standIn : setup.world().standIns()) {
      standIns.put(standIn.name(), standIn.factory().create(this));
    }
  }

  /**
   * Before a run on a target already migrated: runs the migration once without faults, as the
   * fault-free run does, and reads what it left.
   */
  private AlreadyDoneChecks migrateFirst(RunInput input) throws Exception {
    String first = go(input, "rehearse-" + id + "-first");
    return AlreadyDoneChecks.afterFirstRun(this, point.orElseThrow().id(), first,
        result.status() == ExecutionStatus.SUCCEEDED, setup.world().invariants());
  }

  private String go(RunInput input, String requestId) throws TimeoutException, InterruptedException {
    run = local.run(new StartRequest(setup.world().migration(),
        new InputDocument(input.target(), "ferry-rehearse", "api", input.parameters()), Optional.of(requestId)));
    result = awaitAnswering();
    StringBuilder outcome = new StringBuilder(describe(result));
    if (interrupted()) {
      local.faults().clear();
      local.redrive(run.name());
      redriven = true;
      result = awaitAnswering();
      outcome.append(" -> redriven -> ").append(describe(result));
    }
    progress = local.store().progress(run.target());
    outcome.append(", ").append(progress.map(Progress::status).orElse("no progress row"));
    return outcome.toString();
  }

  /** Awaits the run, answering each approval it asks for: approved, unless the fault rejects it. */
  private ExecutionResult awaitAnswering() throws TimeoutException, InterruptedException {
    if (!setup.hasApprovals()) {
      return awaitEnd();
    }
    Instant deadline = Instant.now().plus(RUN_TIMEOUT);
    while (run.status() == ExecutionStatus.RUNNING) {
      if (Instant.now().isAfter(deadline)) {
        throw new TimeoutException("run " + id + " did not end within " + RUN_TIMEOUT.toSeconds() + " s");
      }
      Optional<Progress.PendingApproval> pending = local.store().progress(run.target()).flatMap(Progress::pendingApproval);
      if (pending.isPresent()) {
        if (fault.filter(FaultKind.APPROVAL_REJECTED::equals).isPresent()) {
          local.reject(run.target(), "ferry-rehearse", "rejected by the rehearsal's approval-rejected fault");
        } else {
          local.approve(run.target(), "ferry-rehearse", "approved by the rehearsal");
        }
      }
      Thread.sleep(APPROVAL_POLL);
    }
    return awaitEnd();
  }

  /** The run's end, without polling its audit rows on the way (the checks read them once). */
  private ExecutionResult awaitEnd() throws TimeoutException {
    try {
      return run.execution().await(RUN_TIMEOUT);
    } catch (IllegalStateException stillRunning) {
      throw new TimeoutException("run " + id + " did not end within " + RUN_TIMEOUT.toSeconds() + " s");
    }
  }

  /** Stopped mid-run with the lock still held: the run is not over until someone redrives it. */
  private boolean interrupted() {
    if (result.status() == ExecutionStatus.ABORTED) {
      return true;
    }
    Optional<Progress> now = local.store().progress(run.target());
    return result.status() == ExecutionStatus.FAILED && now.isPresent()
        && now.get().lockHolder().filter(run.id()::equals).isPresent()
        && (now.get().status().equals(Status.RUNNING.name()) || now.get().status().equals(Status.ABANDONED.name()));
  }

  private List<Rehearsal.Check> worldChecks() {
    List<Rehearsal.Check> checks = new ArrayList<>();
    for (Writer w : setup.world().writers()) {
      checks.add(acknowledged(w));
    }
    for (Invariant invariant : setup.world().invariants()) {
      checks.add(setup.invariants().check(invariant, this));
    }
    return checks;
  }

  /** Every insert the writer had acknowledged is present, and no id was handed out twice. */
  private Rehearsal.Check acknowledged(Writer w) {
    LocalWriter writer = writers.get(w.name());
    List<Long> acknowledged = writer.acknowledged();
    long above = setup.seeded().writerRowsAbove(w.database()).getOrDefault(w.table(), 0L);
    java.util.Set<Long> present = new java.util.HashSet<>();
    try (Connection c = postgres().connect(database(w.database()));
        var s = c.prepareStatement("SELECT id FROM " + LocalPostgres.quote(w.table()) + " WHERE id > ?")) {
      s.setLong(1, above);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          present.add(rs.getLong(1));
        }
      }
    } catch (SQLException e) {
      return new Rehearsal.Check("acknowledged " + w.name(), false, "the rows could not be read: " + e.getMessage());
    }
    long lost = acknowledged.stream().filter(i -> !present.contains(i)).count();
    // A restore rewinds the id sequence: an id acknowledged twice means its first insert was lost.
    long reused = acknowledged.size() - new java.util.HashSet<>(acknowledged).size();
    return new Rehearsal.Check("acknowledged " + w.name(), lost == 0 && reused == 0, acknowledged.size()
        + " acknowledged, " + lost + " lost" + (reused == 0 ? "" : ", " + reused + " ids handed out twice"));
  }

  private void createTable(Table table) {
    List<AttributeDefinition> attributes = new ArrayList<>(List.of(AttributeDefinition.builder()
        .attributeName(table.hashKey()).attributeType(ScalarAttributeType.S).build()));
    List<KeySchemaElement> keys = new ArrayList<>(List.of(KeySchemaElement.builder()
        .attributeName(table.hashKey()).keyType(KeyType.HASH).build()));
    table.rangeKey().ifPresent(k -> {
      attributes.add(AttributeDefinition.builder().attributeName(k).attributeType(ScalarAttributeType.S).build());
      keys.add(KeySchemaElement.builder().attributeName(k).keyType(KeyType.RANGE).build());
    });
    String name = table(table.name());
    DynamoDbClient dynamoDb = local.dynamoDb();
    dynamoDb.createTable(r -> r.tableName(name).attributeDefinitions(attributes).keySchema(keys)
        .billingMode(BillingMode.PAY_PER_REQUEST));
    for (var item : table.items()) {
      dynamoDb.putItem(r -> r.tableName(name).item(item));
    }
  }

  private void tearDown() {
    writers.values().forEach(LocalWriter::stop);
    if (run != null) {
      // A sequential world's runs share their target: the next starts unlocked, as after ferry unlock.
      local.dynamoDb().deleteItem(r -> r.tableName(local.settings().tables().progress())
          .key(Map.of(ProgressItem.TARGET, AttributeValue.fromS(run.target()))));
    }
    for (AutoCloseable standIn : standIns.values()) {
      try {
        standIn.close();
      } catch (Exception e) {
        // A stand-in that fails to close leaves nothing the next run reads: its names are this run's.
      }
    }
    for (Table table : setup.world().tables()) {
      try {
        local.dynamoDb().deleteTable(r -> r.tableName(table(table.name())));
      } catch (RuntimeException e) {
        // The table may be gone already (the migration restored or dropped it).
      }
    }
    try (Connection c = postgres().connect("postgres"); Statement s = c.createStatement()) {
      List<String> names = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE '%" + suffix() + "%'")) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
      for (String name : names) {
        s.execute("DROP DATABASE " + LocalPostgres.quote(name) + " WITH (FORCE)");
      }
    } catch (SQLException e) {
      // Left-over copies live in the rehearsal's temporary PostgreSQL, which is deleted at the end.
    }
  }

  private static boolean awaitInserts(LocalWriter writer, int count) {
    Instant deadline = Instant.now().plus(WRITER_TIMEOUT);
    while (writer.acknowledged().size() < count) {
      if (Instant.now().isAfter(deadline)) {
        return false;
      }
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  static String describe(ExecutionResult result) {
    return result.status() + (result.error() == null ? "" : " " + result.error());
  }

  /** Waits until {@code writer} has acknowledged {@code more} further inserts. */
  boolean writesAgain(String writer, int more) {
    LocalWriter w = writers.get(writer);
    return awaitInserts(w, w.acknowledged().size() + more);
  }

  // ---------------------------------------------------------------- what checks read

  LocalRun localRun() {
    return run;
  }

  ExecutionResult result() {
    return result;
  }

  boolean redriven() {
    return redriven;
  }

  boolean faultFree() {
    return point.isEmpty();
  }

  Optional<Progress> progressRow() {
    return progress;
  }

  Map<String, LocalWriter> writerInstances() {
    return writers;
  }

  private String suffix() {
    return "-" + id;
  }

  // ---------------------------------------------------------------- RunOutcome

  @Override
  public String id() {
    return id;
  }

  @Override
  public String database(String name) {
    requireDeclared(setup.world().database(name).isPresent(), "database", name);
    return name + suffix();
  }

  @Override
  public String secretArn(String name) {
    return LocalSecrets.arnFor(database(name));
  }

  @Override
  public String table(String name) {
    requireDeclared(setup.world().tables().stream().anyMatch(t -> t.name().equals(name)), "table", name);
    return name + suffix();
  }

  @Override
  public String writer(String name) {
    requireDeclared(setup.world().writers().stream().anyMatch(w -> w.name().equals(name)), "writer", name);
    return name + suffix();
  }

  @Override
  public String unique(String base) {
    return base + suffix();
  }

  @Override
  public <T extends AutoCloseable> T standIn(String name, Class<T> type) {
    AutoCloseable made = standIns.get(name);
    requireDeclared(made != null, "stand-in", name);
    return type.cast(made);
  }

  @Override
  public Map<String, String> fingerprint(String name) throws SQLException {
    var database = setup.world().database(name);
    requireDeclared(database.isPresent(), "database", name);
    return DatabaseFingerprint.of(postgres(), database(name), setup.seeded().writerRowsAbove(name),
        database.get().volatileColumns()).parts();
  }

  @Override
  public Optional<String> fault() {
    return point.map(p -> fault.orElseThrow().cliName() + " at " + p.id());
  }

  @Override
  public String executionStatus() {
    return result == null ? "NOT_STARTED" : result.status().name();
  }

  @Override
  public Optional<String> error() {
    return Optional.ofNullable(result).map(ExecutionResult::error);
  }

  @Override
  public Optional<Status> progress() {
    return progress.flatMap(p -> Status.parse(p.status()));
  }

  @Override
  public LocalPostgres postgres() {
    return local.postgres();
  }

  @Override
  public DynamoDbClient dynamoDb() {
    return local.dynamoDb();
  }

  @Override
  public LocalEnvironment environment() {
    return local.environment();
  }

  private void requireDeclared(boolean declared, String what, String name) {
    if (!declared) {
      throw new IllegalArgumentException("the world of " + setup.world().migration() + " declares no " + what + " '"
          + name + "'");
    }
  }
}
