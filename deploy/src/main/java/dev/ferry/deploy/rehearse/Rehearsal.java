package dev.ferry.deploy.rehearse;

import dev.ferry.contract.AuditItem;
import dev.ferry.contract.Phase;
import dev.ferry.contract.Status;
import dev.ferry.deploy.AuditRow;
import dev.ferry.deploy.CompiledMachine;
import dev.ferry.deploy.DeployRequest;
import dev.ferry.deploy.InputDocument;
import dev.ferry.deploy.Progress;
import dev.ferry.deploy.StartRequest;
import dev.ferry.deploy.TableNames;
import dev.ferry.deploy.local.LocalRun;
import dev.ferry.deploy.local.LocalTarget;
import dev.ferry.engine.ExecutionResult;
import dev.ferry.engine.ExecutionStatus;
import dev.ferry.tasks.local.LocalPostgres;
import dev.ferry.tasks.local.LocalWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code ferry rehearse}: runs a migration on a {@link LocalTarget} once without faults, then once
 * per (work step, fault), and checks after each run that nothing was lost. All runs share the
 * target's DynamoDB Local and embedded PostgreSQL; between runs the database is copied afresh from a
 * seeded template and the target's progress and audit rows are deleted.
 *
 * <p>A run that stops with its lock still held and its progress {@code RUNNING} (the process died,
 * or the write recording the last step failed after the work was done) is redriven once with the
 * faults cleared, as an operator would with {@code ferry redrive}; the checks judge where it ends.
 *
 * <p>Checks after each run:
 * <ul>
 *   <li>database: identical to before (schema and rows) or to the fault-free run's result; a run
 *       that succeeded must have migrated it and a rolled-back one must have left it as before
 *   <li>writers: the writer the run paused inserts again (unless the rollback failed: then the lock
 *       and the pause are both kept for an operator)
 *   <li>lock: released, or held with {@code ROLLBACK_FAILED}, and the progress row names an end state
 *   <li>audit: every step with a {@code STARTED} row has a {@code SUCCEEDED} or {@code FAILED} row,
 *       every {@code COMPENSATING} one a {@code COMPENSATED} or {@code COMPENSATION_FAILED} row, and
 *       the run has an end row
 *   <li>acknowledged inserts: every id the writer had acknowledged is present, none handed out twice
 * </ul>
 */
public final class Rehearsal {

  static final String SEED_DATABASE = "ferry-rehearsal-seed";
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration WRITER_TIMEOUT = Duration.ofSeconds(10);
  private static final int WRITER_INSERTS = 3;

  /** One check of a run. */
  public record Check(String name, boolean ok, String detail) {}

  /** One run: the step and fault (both empty for the fault-free run), how it ended, the checks. */
  public record Run(Optional<WorkStep> step, Optional<FaultKind> fault, String outcome, List<Check> checks, Duration took) {
    public boolean passed() {
      return checks.stream().allMatch(Check::ok);
    }
  }

  /**
   * What to rehearse: {@code machine} (compiled with {@code tables}) against {@code scenario}, each
   * of {@code faults} at each of {@code steps}.
   */
  public record Plan(CompiledMachine machine, TableNames tables, RehearsalScenario scenario, List<WorkStep> steps,
      List<FaultKind> faults) {
    public Plan {
      steps = List.copyOf(steps);
      faults = List.copyOf(faults);
    }

    /** Every work step of {@code machine} with every fault. */
    public static Plan everything(CompiledMachine machine, TableNames tables, RehearsalScenario scenario) {
      return new Plan(machine, tables, scenario, WorkStep.of(machine), List.of(FaultKind.values()));
    }
  }

  /** Every run of the rehearsal. */
  public record Report(List<Run> runs, Duration took) {
    public long passed() {
      return runs.stream().filter(Run::passed).count();
    }

    public long failed() {
      return runs.size() - passed();
    }
  }

  private final LocalTarget local;
  private final TableNames tables;
  private final RehearsalScenario scenario;
  private DatabaseFingerprint before;
  private DatabaseFingerprint migrated;
  private long seededWriterRows;
  private LocalWriter writer;

  private Rehearsal(LocalTarget local, TableNames tables, RehearsalScenario scenario) {
    this.local = local;
    this.tables = tables;
    this.scenario = scenario;
  }

  /**
   * Rehearses {@code plan} on {@code local}, the fault-free run first; hands each run to {@code
   * onRun} as it ends. The caller owns {@code local}, whose tables must be {@code plan.tables()}.
   */
  public static Report run(LocalTarget local, Plan plan, Consumer<Run> onRun) throws SQLException, TimeoutException {
    Instant started = Instant.now();
    Rehearsal rehearsal = new Rehearsal(local, plan.tables(), plan.scenario());
    local.ensureInfrastructure(new DeployRequest(plan.machine(), Optional.empty(), List.of(), Optional.empty()));
    rehearsal.prepareSeed();
    List<Run> runs = new ArrayList<>();
    Run baseline = rehearsal.once(Optional.empty(), Optional.empty());
    runs.add(baseline);
    onRun.accept(baseline);
    for (WorkStep step : plan.steps()) {
      for (FaultKind fault : plan.faults()) {
        Run run = rehearsal.once(Optional.of(step), Optional.of(fault));
        runs.add(run);
        onRun.accept(run);
      }
    }
    return new Report(List.copyOf(runs), Duration.between(started, Instant.now()));
  }

  private void prepareSeed() throws SQLException {
    LocalPostgres postgres = local.postgres();
    dropDatabases(postgres, true);
    postgres.createDatabase(SEED_DATABASE);
    scenario.seed(local.environment(), SEED_DATABASE);
    try (Connection c = postgres.connect(SEED_DATABASE); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT coalesce(max(id), 0) FROM " + LocalPostgres.quote(scenario.writerTable()))) {
      rs.next();
      seededWriterRows = rs.getLong(1);
    }
  }

  private Run once(Optional<WorkStep> step, Optional<FaultKind> fault) throws SQLException, TimeoutException {
    Instant started = Instant.now();
    reset();
    if (before == null) {
      before = fingerprint();
    }
    writer = local.writers().register(new LocalWriter(scenario.writer(), local.postgres(), scenario.target(),
        scenario.writerTable(), scenario.writerInterval()));
    writer.start();
    awaitInserts(WRITER_INSERTS);
    step.ifPresent(s -> fault.orElseThrow().arm(local.faults(), s));

    String requestId = step.map(s -> "rehearse-" + s.id() + "-" + fault.orElseThrow().cliName()).orElse("rehearse-no-fault");
    LocalRun run = local.run(new StartRequest(scenario.migration(),
        new InputDocument(scenario.target(), "ferry-rehearse", "api", scenario.parameters().deepCopy()),
        Optional.of(requestId)));
    ExecutionResult result = run.await(RUN_TIMEOUT);
    StringBuilder outcome = new StringBuilder(describe(result));
    if (interrupted(run, result)) {
      local.faults().clear();
      local.redrive(run.name());
      result = run.await(RUN_TIMEOUT);
      outcome.append(" -> redriven -> ").append(describe(result));
    }
    local.faults().clear();
    Progress progress = local.store().requireProgress(scenario.target());
    outcome.append(", ").append(progress.status());

    List<Check> checks = new ArrayList<>();
    boolean rollbackFailed = progress.status().equals(Status.ROLLBACK_FAILED.name());
    checks.add(writersCheck(rollbackFailed));
    writer.stop();
    if (step.isEmpty()) {
      boolean ok = result.status() == ExecutionStatus.SUCCEEDED;
      migrated = ok ? fingerprint() : null;
      checks.add(new Check("fault-free run succeeds", ok, describe(result)));
    }
    checks.add(databaseCheck(progress.status()));
    checks.add(lockCheck(progress, run));
    checks.add(auditCheck(run.auditRows()));
    checks.add(acknowledgedCheck());
    return new Run(step, fault, outcome.toString(), List.copyOf(checks), Duration.between(started, Instant.now()));
  }

  /** Stopped mid-run with the lock still held: the run is not over until someone redrives it. */
  private boolean interrupted(LocalRun run, ExecutionResult result) {
    if (result.status() == ExecutionStatus.ABORTED) {
      return true;
    }
    Optional<Progress> progress = local.store().progress(scenario.target());
    return result.status() == ExecutionStatus.FAILED && progress.isPresent()
        && progress.get().lockHolder().filter(run.id()::equals).isPresent()
        && progress.get().status().equals(Status.RUNNING.name());
  }

  // ---------------------------------------------------------------- checks

  private Check writersCheck(boolean rollbackFailed) {
    if (writer.state() != LocalWriter.State.RUNNING) {
      return new Check("writers", rollbackFailed, rollbackFailed
          ? scenario.writer() + " kept paused with the lock (ROLLBACK_FAILED)"
          : scenario.writer() + " is still paused");
    }
    int now = writer.acknowledged().size();
    boolean inserting = awaitInserts(now + 2);
    return new Check("writers", inserting, scenario.writer() + (inserting ? " resumed" : " runs but inserts nothing"));
  }

  private Check databaseCheck(String status) throws SQLException {
    DatabaseFingerprint now = fingerprint();
    Set<String> fromBefore = now.differences(before);
    Set<String> fromMigrated = migrated == null ? Set.of("(no fault-free result)") : now.differences(migrated);
    String state = fromBefore.isEmpty() ? "as before" : fromMigrated.isEmpty() ? "migrated" : null;
    if (state == null) {
      return new Check("database", false, "neither as before (differs in " + fromBefore + ") nor migrated (differs in "
          + fromMigrated + ")");
    }
    boolean consistent = switch (Status.parse(status).orElse(Status.RUNNING)) {
      case SUCCEEDED -> state.equals("migrated");
      case ROLLED_BACK -> state.equals("as before");
      case RUNNING, ROLLING_BACK, ROLLBACK_FAILED -> true;
    };
    return new Check("database", consistent, state + (consistent ? "" : " although the run ended " + status
        + (state.equals("migrated") ? ": a compensation is missing" : "")));
  }

  private static Check lockCheck(Progress progress, LocalRun run) {
    Optional<String> holder = progress.lockHolder();
    return switch (Status.parse(progress.status()).orElse(Status.RUNNING)) {
      case ROLLBACK_FAILED -> new Check("lock", holder.filter(run.id()::equals).isPresent(),
          holder.isPresent() ? "kept (ROLLBACK_FAILED)" : "released although the rollback failed");
      case SUCCEEDED, ROLLED_BACK -> new Check("lock", holder.isEmpty(),
          holder.isEmpty() ? "released" : "still held by " + holder.get());
      case RUNNING, ROLLING_BACK -> new Check("lock", false, "progress " + progress.status() + " after the run ended, lock "
          + holder.map(h -> "held by " + h).orElse("free"));
    };
  }

  private static Check auditCheck(List<AuditRow> rows) {
    Map<String, Set<Phase>> phases = new HashMap<>();
    for (AuditRow row : rows) {
      Phase.parse(row.phase()).ifPresent(p -> phases.computeIfAbsent(row.step(), s -> new HashSet<>()).add(p));
    }
    Set<String> missing = new TreeSet<>();
    phases.forEach((step, seen) -> {
      if (step.equals(AuditItem.RUN)) {
        if (!seen.contains(Phase.SUCCEEDED) && !seen.contains(Phase.FAILED) && !seen.contains(Phase.COMPENSATION_FAILED)) {
          missing.add("run end");
        }
        return;
      }
      if (seen.contains(Phase.STARTED) && !seen.contains(Phase.SUCCEEDED) && !seen.contains(Phase.FAILED)) {
        missing.add(step + " end");
      }
      if (seen.contains(Phase.COMPENSATING) && !seen.contains(Phase.COMPENSATED) && !seen.contains(Phase.COMPENSATION_FAILED)) {
        missing.add(step + " compensation end");
      }
    });
    if (!phases.containsKey(AuditItem.RUN)) {
      missing.add("run end");
    }
    return new Check("audit", missing.isEmpty(), missing.isEmpty()
        ? rows.size() + " rows, every step entered has its end" : "missing " + String.join(", ", missing));
  }

  private Check acknowledgedCheck() throws SQLException {
    List<Long> acknowledged = writer.acknowledged();
    Set<Long> present = new HashSet<>();
    try (Connection c = local.postgres().connect(scenario.target());
        PreparedStatement s = c.prepareStatement("SELECT id FROM " + LocalPostgres.quote(scenario.writerTable()) + " WHERE id > ?")) {
      s.setLong(1, seededWriterRows);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          present.add(rs.getLong(1));
        }
      }
    }
    long lost = acknowledged.stream().filter(id -> !present.contains(id)).count();
    // A restore rewinds the id sequence: an id acknowledged twice means its first insert was lost.
    long reused = acknowledged.size() - new HashSet<>(acknowledged).size();
    return new Check("acknowledged", lost == 0 && reused == 0, acknowledged.size() + " acknowledged, " + lost + " lost"
        + (reused == 0 ? "" : ", " + reused + " ids handed out twice"));
  }

  // ---------------------------------------------------------------- between runs

  private void reset() throws SQLException {
    local.faults().clear();
    if (writer != null) {
      writer.stop();
    }
    LocalPostgres postgres = local.postgres();
    dropDatabases(postgres, false);
    try (Connection c = postgres.connect("postgres"); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + LocalPostgres.quote(scenario.target()) + " TEMPLATE " + LocalPostgres.quote(SEED_DATABASE));
    }
    var dynamoDb = local.dynamoDb();
    dynamoDb.deleteItem(r -> r.tableName(tables.progress())
        .key(Map.of("target", AttributeValue.fromS(scenario.target()))));
    dynamoDb.queryPaginator(r -> r.tableName(tables.audit())
            .keyConditionExpression("#t = :t")
            .expressionAttributeNames(Map.of("#t", "target"))
            .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(scenario.target()))))
        .items()
        .forEach(item -> dynamoDb.deleteItem(r -> r.tableName(tables.audit())
            .key(Map.of("target", item.get("target"), "entry", item.get("entry")))));
  }

  /** Drops every database but {@code postgres} and, unless {@code seedToo}, the seed. */
  private static void dropDatabases(LocalPostgres postgres, boolean seedToo) throws SQLException {
    try (Connection c = postgres.connect("postgres"); Statement s = c.createStatement()) {
      List<String> names = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname <> 'postgres' AND NOT datistemplate")) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
      for (String name : names) {
        if (seedToo || !name.equals(SEED_DATABASE)) {
          s.execute("DROP DATABASE " + LocalPostgres.quote(name) + " WITH (FORCE)");
        }
      }
    }
  }

  private DatabaseFingerprint fingerprint() throws SQLException {
    return DatabaseFingerprint.of(local.postgres(), scenario.target(), scenario.writerTable(), seededWriterRows,
        scenario.volatileColumns());
  }

  private boolean awaitInserts(int count) {
    Instant deadline = Instant.now().plus(WRITER_TIMEOUT);
    while (writer.acknowledged().size() < count) {
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

  private static String describe(ExecutionResult result) {
    return result.status() + (result.error() == null ? "" : " " + result.error());
  }
}
