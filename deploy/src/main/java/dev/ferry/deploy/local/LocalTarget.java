package dev.ferry.deploy.local;

import dev.ferry.contract.ApprovalHeartbeat;
import dev.ferry.contract.ErrorName;
import dev.ferry.engine.LambdaHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.deploy.AuditRow;
import dev.ferry.deploy.CompiledMachine;
import dev.ferry.deploy.DeployReport;
import dev.ferry.deploy.DeployRequest;
import dev.ferry.deploy.ExecutionInfo;
import dev.ferry.deploy.FerryException;
import dev.ferry.deploy.HistoryEvent;
import dev.ferry.deploy.MigrationTarget;
import dev.ferry.deploy.Progress;
import dev.ferry.deploy.ProgressStore;
import dev.ferry.deploy.RunStatus;
import dev.ferry.deploy.ShippedMigrations;
import dev.ferry.deploy.StartRequest;
import dev.ferry.deploy.StartedExecution;
import dev.ferry.deploy.aws.Tables;
import dev.ferry.dsl.tasks.FerryTasks;
import dev.ferry.engine.Execution;
import dev.ferry.engine.ExecutionStatus;
import dev.ferry.engine.LocalEngine;
import dev.ferry.engine.StateMachineDefinition;
import dev.ferry.engine.TaskResolver;
import dev.ferry.tasks.LocalEnvironment;
import dev.ferry.tasks.TaskCatalog;
import dev.ferry.tasks.TaskFunction;
import dev.ferry.tasks.local.LocalDynamoDb;
import dev.ferry.tasks.local.LocalFunctionVersions;
import dev.ferry.tasks.local.LocalPostgres;
import dev.ferry.tasks.local.LocalWriters;
import dev.ferry.tasks.local.SharedLocalDynamoDb;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;

/**
 * Runs migrations in this process: Ferry's {@link LocalEngine}, DynamoDB Local for the progress and
 * audit tables (read and written through the same {@link ProgressStore} and SDK client code as on
 * AWS) and an embedded PostgreSQL standing in for the RDS database. Every function of {@link
 * TaskCatalog} is served by its local handler.
 *
 * <h2>API for rehearsals and tests</h2>
 *
 * <pre>{@code
 * try (LocalTarget local = LocalTarget.open(LocalSettings.temporary())) {
 *   LocalPostgres pg = local.postgres();                 // started on first use
 *   local.writers().register(new LocalWriter("orders-writer", pg, "orders-db", "orders", ms(50))).start();
 *   local.faults().inject("ferry-schema-verify", Fault.fail("Ferry.VerificationFailed", "injected"));
 *   local.faults().inject(new Faults.DynamoDbFault("TransactWriteItems", "ProvisionedThroughputExceededException", 2));
 *   LocalRun run = local.run(new StartRequest("postgres-schema-upgrade", input, Optional.empty()));
 *   ExecutionResult r = run.follow(Duration.ofMinutes(1), row -> System.out.println(row.step() + " " + row.phase()));
 *   run.auditRows(); local.store().progress("orders-db"); run.history();
 * }
 * }</pre>
 *
 * <p>{@link #open} starts DynamoDB Local (on the state folder's database file, or in memory) and
 * creates the progress and audit tables (no point-in-time recovery locally). The embedded
 * PostgreSQL and the engine start on first use, so reading commands ({@code status}, {@code audit},
 * {@code history}) stay fast. Migrations are the ones {@link #ensureInfrastructure} registered, else
 * the shipped ones found by name through {@link java.util.ServiceLoader}.
 *
 * <h2>Across processes (the CLI's {@code --local})</h2>
 *
 * With a state folder, a run is recorded in {@code executions/<name>.json} (status, history, the
 * process running it), so {@code ferry status|audit|history|unlock --local} work from later
 * commands. The folder's DynamoDB Local database file is served by one server process for all of
 * them ({@link SharedLocalDynamoDb}), never opened twice: {@code ferry status --local} from a
 * second terminal sees a run live and loses none of its rows. An approval
 * answered from another process ({@code ferry approve --local}) is left in {@code answers/} and
 * delivered by the process running the execution. A run's engine state lives in the process that
 * ran it: {@link #redrive} works for runs of this target only, and a run whose process ended cannot
 * continue (start a new one). The embedded PostgreSQL keeps its data directory under
 * {@code postgres/}, so databases outlive the command.
 */
public final class LocalTarget implements MigrationTarget {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final LocalSettings settings;
  private final Path directory;
  private final AutoCloseable dynamoDbServer;
  private final URI endpoint;
  private final DynamoDbClient dynamoDb;
  private final DynamoDbClient engineDynamoDb;
  private final ProgressStore store;
  private final ExecutionRecords records;
  private final Faults faults = new Faults();
  private final LocalWriters writers = new LocalWriters();
  private final LocalFunctionVersions functionVersions = new LocalFunctionVersions();
  private final Map<String, CompiledMachine> machines = new ConcurrentHashMap<>();
  private final Map<String, StateMachineDefinition> parsed = new ConcurrentHashMap<>();
  private final Map<String, LocalRun> runs = new ConcurrentHashMap<>();
  private final Map<String, TaskResolver> ownResolvers = new ConcurrentHashMap<>();
  private LocalPostgres postgres;
  /** The target whose PostgreSQL this one shares (started when either first needs it); null when it has its own. */
  private LocalTarget sharesPostgresOf;
  /** Handlers of functions besides the shipped ones (a rehearsal world's own), by function name. */
  private final Map<String, Function<LocalEnvironment, LambdaHandler>> extraFunctions = new ConcurrentHashMap<>();
  private volatile LocalEngine engine;
  /** Set with the engine; sweeps run on the engine's clock and take no lock of this target. */
  private volatile LocalApprovalHeartbeats heartbeats;
  private final RunRecorder recorder;
  private final LocalAnswers answers;

  private LocalTarget(LocalSettings settings, Path directory, AutoCloseable dynamoDbServer, URI endpoint) {
    this.settings = settings;
    this.directory = directory;
    this.dynamoDbServer = dynamoDbServer;
    this.endpoint = endpoint;
    this.dynamoDb = LocalDynamoDb.client(endpoint);
    // The engine's own client carries the fault interceptor; reads by operators never hit a fault.
    this.engineDynamoDb = LocalDynamoDb.client(endpoint, faults.dynamoDbInterceptor());
    this.store = new ProgressStore(dynamoDb, settings.tables());
    this.records = new ExecutionRecords(directory.resolve("executions"));
    this.recorder = new RunRecorder(records, dynamoDb, settings.tables());
    this.answers = new LocalAnswers(store, records, directory.resolve("answers"), runs, this::engine, this::missing);
  }

  /** Opens the local target: DynamoDB Local up and the progress and audit tables in place. */
  public static LocalTarget open(LocalSettings settings) {
    Path directory = settings.directory().orElseGet(LocalTarget::temporaryDirectory);
    LocalTarget target;
    if (settings.directory().isPresent()) {
      SharedLocalDynamoDb shared = SharedLocalDynamoDb.open(directory);
      target = new LocalTarget(settings, directory, shared, shared.endpoint());
    } else {
      LocalDynamoDb inMemory = LocalDynamoDb.start();
      target = new LocalTarget(settings, directory, inMemory, inMemory.endpoint());
    }
    target.ensureTables();
    return target;
  }

  /**
   * A target for one of several independent runs at once: it shares this target's DynamoDB Local,
   * tables and embedded PostgreSQL, but has its own engine, faults, writers and runs, so a fault
   * injected into it strikes its own runs only. Closing it leaves the shared pieces running.
   */
  public LocalTarget sibling() {
    // The sibling uses this target's server and leaves it running when it closes.
    LocalTarget sibling = new LocalTarget(settings.withoutDirectory(), temporaryDirectory(), () -> {}, endpoint);
    sibling.sharesPostgresOf = this;
    return sibling;
  }

  /**
   * Serves function {@code name} with the handler {@code factory} makes on this target's local
   * pieces; for functions Ferry does not ship. Register before the first run.
   *
   * @throws IllegalStateException when the engine already runs
   */
  public synchronized void registerFunction(String name, Function<LocalEnvironment, LambdaHandler> factory) {
    if (engine != null) {
      throw new IllegalStateException("function " + name + " must be registered before the target's first run");
    }
    extraFunctions.put(name, factory);
  }

  private List<DeployReport.Change> ensureTables() {
    List<DeployReport.Change> changes = new ArrayList<>();
    changes.addAll(ensureTable(settings.tables().progress(), Optional.empty()));
    changes.addAll(ensureTable(settings.tables().audit(), Optional.of("entry")));
    return changes;
  }

  /** Another process opening the same fresh folder may create the table first; then it is there. */
  private List<DeployReport.Change> ensureTable(String name, Optional<String> rangeKey) {
    Tables tables = new Tables(dynamoDb);
    try {
      return tables.ensure(name, rangeKey, false);
    } catch (ResourceInUseException createdMeanwhile) {
      return tables.ensure(name, rangeKey, false);
    }
  }

  // ---- the pieces a rehearsal works with ----

  /** The faults injected into this target's task functions and DynamoDB calls. */
  public Faults faults() {
    return faults;
  }

  /** The embedded PostgreSQL the database tasks work on; started on first use. */
  public synchronized LocalPostgres postgres() {
    if (sharesPostgresOf != null) {
      return sharesPostgresOf.postgres();
    }
    if (postgres == null) {
      postgres = settings.directory().isPresent()
          ? LocalPostgres.start(directory.resolve("postgres"))
          : LocalPostgres.start();
    }
    return postgres;
  }

  /** The local writers the pause and resume tasks stop and start, by name. */
  public LocalWriters writers() {
    return writers;
  }

  /** Runs Task states whose Resource starts with {@code resourcePrefix} (e.g. an aws-sdk service) with {@code resolver}. */
  public synchronized LocalTarget resolver(String resourcePrefix, TaskResolver resolver) {
    requireNoEngine("resolver " + resourcePrefix);
    ownResolvers.put(resourcePrefix, resolver);
    return this;
  }

  private void requireNoEngine(String what) {
    if (engine != null) {
      throw new IllegalStateException(what + " registered after the local engine started; register it before the first run");
    }
  }

  /** What the task functions' local handlers run on. */
  public LocalEnvironment environment() {
    return new LocalEnvironment(postgres(), dynamoDb, writers, functionVersions, settings.tables().progress(),
        new LocalExecutions(this));
  }

  /** A client of this target's DynamoDB Local, without injected faults. */
  public DynamoDbClient dynamoDb() {
    return dynamoDb;
  }

  /** Progress and audit rows, as {@code ferry status} and {@code ferry audit} read them. */
  public ProgressStore store() {
    return store;
  }

  /** Where this target keeps its state, its table names and its clock. */
  public LocalSettings settings() {
    return settings;
  }

  /** The state folder (a temporary one for {@link LocalSettings#temporary()}). */
  public Path directory() {
    return directory;
  }

  // ---- MigrationTarget ----

  @Override
  public String caller() {
    return System.getProperty("user.name", "unknown") + "@local";
  }

  /** Registers the machine to run under its migration name and ensures the tables; no functions or roles locally. */
  @Override
  public DeployReport ensureInfrastructure(DeployRequest request) {
    CompiledMachine machine = request.machine();
    List<DeployReport.Change> changes = ensureTables();
    CompiledMachine previous = machines.put(machine.migration(), machine);
    parsed.remove(machine.migration());
    boolean same = previous != null && previous.definitionJson().equals(machine.definitionJson());
    changes.add(new DeployReport.Change("local-state-machine", machine.stateMachineName(),
        same ? DeployReport.Action.UNCHANGED : previous == null ? DeployReport.Action.CREATED : DeployReport.Action.UPDATED,
        machine.taskStates().size() + " task states"));
    return new DeployReport(changes, List.of());
  }

  @Override
  public StartedExecution start(StartRequest request) {
    String name = request.executionName();
    LocalRun live = runs.get(name);
    if (live != null) {
      return new StartedExecution(live.id(), name, true);
    }
    Optional<ExecutionRecord> recorded = records.find(name);
    if (recorded.isPresent()) {
      return new StartedExecution(recorded.get().info().id(), name, true);
    }
    LocalRun run = launch(request, name);
    return new StartedExecution(run.id(), name, false);
  }

  /**
   * Starts the run (or returns this target's run of the same request) and hands back its handle.
   *
   * @throws FerryException when a recorded run of this request was started by another process
   */
  public LocalRun run(StartRequest request) {
    String name = request.executionName();
    LocalRun live = runs.get(name);
    if (live != null) {
      return live;
    }
    if (records.find(name).isPresent()) {
      throw FerryException.badInput("execution " + name + " of this request already ran in " + directory,
          "pass another --request-id to run it again, or read it with ferry status " + request.input().target() + " --local");
    }
    return launch(request, name);
  }

  /** This target's run called {@code executionName}, if it started it. */
  public Optional<LocalRun> liveRun(String executionName) {
    return Optional.ofNullable(runs.get(executionName));
  }

  private synchronized LocalRun launch(StartRequest request, String name) {
    StateMachineDefinition machine = parsed.computeIfAbsent(request.migration(), m -> engine().createStateMachine(
        CompiledMachine.stateMachineName(m), machine(m).definition()));
    JsonNode input;
    try {
      input = JSON.readTree(request.input().canonicalJson());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Execution execution = engine().start(machine, name, input);
    String target = request.input().target();
    LocalRun run = new LocalRun(execution, request.migration(), target, store, () -> recorder.save(execution, request.migration(), target));
    runs.put(name, run);
    recorder.save(execution, request.migration(), target);
    recorder.recordWhenItEnds(execution, target, request.migration());
    if (settings.directory().isPresent()) {
      answers.startDelivery();
    }
    return run;
  }

  private CompiledMachine machine(String migration) {
    return machines.computeIfAbsent(migration, m -> ShippedMigrations.compile(m, settings.tables()));
  }

  private synchronized LocalEngine engine() {
    if (engine == null) {
      LocalEnvironment environment = environment();
      LocalEngine.Builder builder = settings.realClock() ? LocalEngine.builder().realClock() : LocalEngine.builder().virtualClock();
      builder.dynamoDb(engineDynamoDb);
      for (TaskFunction<?, ?> function : TaskCatalog.functions()) {
        Function<JsonNode, JsonNode> handler = heartbeatWhenWaiting(function.name(), function.local(environment));
        builder.lambda(function.name(), faults.wrap(function.name(), function.timeoutSeconds(), handler::apply, this::processDies));
      }
      extraFunctions.forEach((name, factory) -> builder.lambda(name,
          faults.wrap(name, (int) Duration.ofMinutes(5).toSeconds(), factory.apply(environment), this::processDies)));
      ownResolvers.forEach(builder::resolver);
      engine = builder.build();
      heartbeats = new LocalApprovalHeartbeats(engine,
          TaskCatalog.function(ApprovalHeartbeat.FUNCTION).orElseThrow().local(environment));
    }
    return engine;
  }

  /** After an approval request is on record, its wait is heartbeaten while it lasts. */
  private Function<JsonNode, JsonNode> heartbeatWhenWaiting(String function, Function<JsonNode, JsonNode> handler) {
    if (!function.equals(FerryTasks.APPROVAL_REQUEST.name())) {
      return handler;
    }
    return payload -> {
      JsonNode out = handler.apply(payload);
      heartbeats.waiting();
      return out;
    };
  }

  /**
   * Moves a virtual-clock target's engine time forward, firing the task timeouts and heartbeats
   * due on the way, and the sweeps that heartbeat pending approvals: how a test lets an approval go
   * unanswered without waiting for it.
   *
   * @throws IllegalStateException on a real clock, where time passes by itself
   */
  public void advanceClock(Duration by) {
    if (settings.realClock()) {
      throw new IllegalStateException("advanceClock: this local target runs on the real clock; open it with a virtual clock");
    }
    engine().advanceClock(by);
  }

  /** What a {@link Fault.Crash} does: every run of this target still going stops where it is. */
  private void processDies() {
    for (LocalRun run : runs.values()) {
      if (run.status() == ExecutionStatus.RUNNING) {
        run.execution().stop(ErrorName.PROCESS_DIED.errorName(),
            "the process running the execution died mid-step (injected fault); redrive the execution to continue");
      }
    }
  }

  @Override
  public RunStatus status(String target) {
    Progress progress = store.requireProgress(target);
    return new RunStatus(progress, progress.execution().isEmpty() ? Optional.empty() : describe(nameOf(progress.execution())));
  }

  @Override
  public List<AuditRow> audit(String target, Optional<String> executionName) {
    return store.audit(target, executionName);
  }

  @Override
  public List<HistoryEvent> history(String executionOrTarget) {
    String name = executionName(executionOrTarget);
    LocalRun run = runs.get(name);
    if (run != null) {
      return run.history();
    }
    return records.find(name).map(ExecutionRecord::history).orElseThrow(() -> missing(name));
  }

  @Override
  public ExecutionInfo redrive(String executionOrTarget) {
    String name = executionName(executionOrTarget);
    LocalRun run = runs.get(name);
    if (run == null) {
      ExecutionRecord record = records.find(name).orElseThrow(() -> missing(name));
      throw FerryException.badInput(
          "execution " + name + " ran in another process (pid " + record.pid() + "); the local engine keeps a run's state"
              + " only in the process that runs it, so it cannot be redriven from here",
          "start it again: ferry start " + record.target() + " --local --migration " + record.migration() + " --request-id <new id>");
    }
    ExecutionStatus status = run.status();
    if (status == ExecutionStatus.RUNNING || status == ExecutionStatus.SUCCEEDED) {
      throw FerryException.badInput("execution " + name + " is " + status + "; only failed, timed-out or aborted runs can be redriven",
          "wait for it to end, or start a new run");
    }
    recorder.awaitRecorded(name);
    run.execution().redrive();
    recorder.save(run.execution(), run.migration(), run.target());
    recorder.recordWhenItEnds(run.execution(), run.target(), run.migration());
    return RunRecorder.info(run.execution());
  }

  /**
   * Stops a run of this process, or asks the live process running it (through {@code answers/},
   * as approvals go) and waits until its record says it ended.
   */
  @Override
  public ExecutionInfo stop(String executionOrTarget, String by, String reason) {
    String name = executionName(executionOrTarget);
    String cause = MigrationTarget.stopCause(by, reason);
    LocalRun run = runs.get(name);
    if (run != null) {
      if (run.status() != ExecutionStatus.RUNNING) {
        throw alreadyEnded(name, run.status().name());
      }
      run.execution().stop(ErrorName.STOPPED.errorName(), cause);
      recorder.awaitRecorded(name);
      return RunRecorder.info(run.execution());
    }
    ExecutionRecord record = records.find(name).orElseThrow(() -> missing(name));
    if (record.info().isTerminal() || !record.isLive()) {
      throw alreadyEnded(name, describe(name).map(ExecutionInfo::status).orElse(record.info().status()));
    }
    return answers.stopElsewhere(name, cause, record);
  }

  private static FerryException alreadyEnded(String name, String status) {
    return FerryException.badInput("execution " + name + " already ended " + status,
        "see how it ended with ferry status <target> --local");
  }

  /** Only this process's runs: the engine state of a run lives in the process that ran it. */
  @Override
  public boolean canRedrive(ExecutionInfo execution) {
    LocalRun run = runs.get(execution.name());
    return run != null && run.status() != ExecutionStatus.RUNNING && run.status() != ExecutionStatus.SUCCEEDED;
  }

  @Override
  public String approve(String target, String by, String comment) {
    return answers.approve(target, by, comment);
  }

  @Override
  public String reject(String target, String by, String reason) {
    return answers.reject(target, by, reason);
  }

  @Override
  public ProgressStore.Unlocked unlock(String target, String by, String reason) {
    return store.unlock(target, by, reason, holder -> {
      String name = nameOf(holder);
      LocalRun run = runs.get(name);
      if (run != null) {
        return run.status() == ExecutionStatus.RUNNING;
      }
      return records.find(name).map(ExecutionRecord::isLive).orElse(false);
    }, Instant.now());
  }

  /** The execution {@code executionArn} as this process or the folder's records know it. */
  Optional<ExecutionInfo> describeExecution(String executionArn) {
    return describe(nameOf(executionArn));
  }

  /** Restarts the heartbeat of this process's task waiting on {@code token}; false when none waits on it here. */
  boolean sendTaskHeartbeat(String token) {
    LocalEngine running = engine;
    if (running == null) {
      return false;
    }
    try {
      running.sendTaskHeartbeat(token);
      return true;
    } catch (IllegalArgumentException notWaiting) {
      return false;
    }
  }

  private Optional<ExecutionInfo> describe(String name) {
    LocalRun run = runs.get(name);
    if (run != null) {
      return Optional.of(run.info());
    }
    return records.find(name).map(r -> r.isLive() || r.info().isTerminal() ? r.info() : interrupted(r));
  }

  /** A run recorded as RUNNING whose process is gone ended when that process did. */
  private static ExecutionInfo interrupted(ExecutionRecord record) {
    ExecutionInfo info = record.info();
    return new ExecutionInfo(info.id(), info.name(), ExecutionStatus.ABORTED.name(), info.startedAt(),
        Optional.empty(), Optional.of(ErrorName.LOCAL_PROCESS_ENDED.errorName()),
        Optional.of("the process running it (pid " + record.pid() + ") ended before the run did"));
  }

  private String executionName(String executionOrTarget) {
    if (executionOrTarget.startsWith("arn:")) {
      return nameOf(executionOrTarget);
    }
    if (runs.containsKey(executionOrTarget) || records.find(executionOrTarget).isPresent()) {
      return executionOrTarget;
    }
    String execution = store.requireProgress(executionOrTarget).execution();
    if (execution.isEmpty()) {
      throw FerryException.badInput("target '" + executionOrTarget + "' has no execution recorded",
          "pass the execution name instead (ferry audit " + executionOrTarget + " --local lists them)");
    }
    return nameOf(execution);
  }

  static String nameOf(String executionArn) {
    return executionArn.substring(executionArn.lastIndexOf(':') + 1);
  }

  private FerryException missing(String name) {
    return FerryException.badInput("no local execution named " + name + " in " + directory,
        "list the runs with ferry audit <target> --local, or check --local-dir");
  }

  private static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("ferry-local-");
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create a temporary folder for the local target", e);
    }
  }

  @Override
  public synchronized void close() {
    answers.close();
    for (LocalRun run : runs.values()) {
      if (run.status() != ExecutionStatus.RUNNING) {
        recorder.save(run.execution(), run.migration(), run.target());
      }
    }
    if (engine != null) {
      engine.close();
    }
    engineDynamoDb.close();
    dynamoDb.close();
    try {
      dynamoDbServer.close();
    } catch (Exception e) {
      throw new IllegalStateException("Could not stop using the local DynamoDB: " + e.getMessage(), e);
    }
    if (postgres != null) {
      postgres.close();
    }
    if (settings.directory().isEmpty()) {
      deleteRecursively(directory);
    }
  }

  private static void deleteRecursively(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary folder left behind is cleaned by the system
    }
  }
}
