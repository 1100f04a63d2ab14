package dev.ferry.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.deploy.CompiledMachine;
import dev.ferry.deploy.DeployRequest;
import dev.ferry.deploy.FailureReport;
import dev.ferry.deploy.FerryException;
import dev.ferry.deploy.InputDocument;
import dev.ferry.deploy.MigrationTarget;
import dev.ferry.deploy.ParameterValues;
import dev.ferry.deploy.ShippedMigrations;
import dev.ferry.deploy.StartRequest;
import dev.ferry.deploy.StuckLock;
import dev.ferry.deploy.RunStatus;
import dev.ferry.deploy.StartedExecution;
import dev.ferry.deploy.load.MigrationCatalog;
import dev.ferry.deploy.rehearse.Rehearsal;
import dev.ferry.deploy.rehearse.world.RehearsalWorld;
import dev.ferry.deploy.rehearse.world.World;
import dev.ferry.contract.Phase;
import dev.ferry.deploy.local.LocalRun;
import dev.ferry.dsl.StepKind;
import dev.ferry.deploy.local.LocalTarget;
import dev.ferry.engine.ExecutionResult;
import dev.ferry.engine.ExecutionStatus;
import dev.ferry.dsl.Parameter;
import dev.ferry.dsl.ParameterType;
import dev.ferry.tasks.local.LocalSecrets;
import dev.ferry.tasks.local.LocalWriter;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "start", mixinStandardHelpOptions = true,
    description = {"Start a migration on a target through its live alias. The execution name is derived "
        + "from the request, so the same request twice returns the run it already started.",
        "With --local it runs here to the end. Locally a secret ARN arn:aws:secretsmanager:local:000000000000:secret:<database> names a database of the"
        + " embedded PostgreSQL, and a declared parameter ending in secretArn that is not given defaults to the"
        + " local secret of the database named like the target."})
public final class StartCommand extends TargetCommand {

  @Parameters(index = "0", paramLabel = "TARGET", description = "what to migrate, e.g. orders-db")
  String target;

  @Option(names = "--migration", required = true, paramLabel = "NAME|FILE.java",
      description = "the migration's name (deployed, or with --local one Ferry can load: see ferry list), or a source file declaring it")
  String migration;

  @Mixin ClassPathOptions classpath;

  @Option(names = "--param", paramLabel = "NAME=VALUE",
      description = "a migration parameter, read as its declared type: a string takes any text, numbers, booleans,"
          + " lists and objects are JSON (a list of strings may also be a,b,c)")
  List<String> parameters = List.of();

  @Option(names = "--request-id", paramLabel = "ID",
      description = "names this request (a ticket, a date); default: the input itself")
  String requestId;

  @Option(names = "--requested-by", paramLabel = "NAME", description = "who asks (default: your AWS identity)")
  String requestedBy;

  @Option(names = "--local-database", paramLabel = "NAME",
      description = "with --local: create this database in the embedded PostgreSQL if it does not exist")
  List<String> localDatabases = List.of();

  @Option(names = "--local-writer", paramLabel = "NAME=DATABASE.TABLE",
      description = "with --local: a writer inserting into DATABASE.TABLE every 100 ms, for the writers parameter"
          + " ({\"type\":\"local\",\"name\":NAME})")
  List<String> localWriters = List.of();

  /** The migration as Ferry loads it; empty for one only deployed (AWS), whose parameters go untyped. */
  private Optional<MigrationCatalog.Found> definition;

  private ObjectNode parameterValues;

  private final List<String> filled = new java.util.ArrayList<>();

  private MigrationCatalog catalog;

  @Override
  void validate() {
    InputDocument.requireTarget(target);
    if (!local.local && (!localDatabases.isEmpty() || !localWriters.isEmpty())) {
      throw FerryException.badInput("--local-database and --local-writer set up the local target only",
          "add --local, or leave them out for AWS");
    }
    localWriters.forEach(StartCommand::writerSpec);
    // Open until the run ends: a local run calls the handlers of the user's own functions in it.
    catalog = classpath.open(migration);
    try {
      definition = local.local || MigrationCatalog.isSourceFile(migration) ? Optional.of(catalog.resolve(migration))
          : catalog.migrations().stream().filter(f -> f.name().equals(migration)).findFirst();
      parameterValues = definition
          .map(d -> ParameterValues.parse(parameters, d.name(), d.graph().parameters()))
          .orElseGet(() -> InputDocument.parameters(parameters));
      if (local.local) {
        fillLocalSecrets(definition.orElseThrow().graph().parameters());
      }
    } catch (RuntimeException e) {
      catalog.close();
      throw e;
    }
  }

  /** A declared secret ARN left out locally: the local secret of the database named like the target. */
  private void fillLocalSecrets(List<Parameter<?>> declared) {
    for (Parameter<?> p : declared) {
      if (p.type() == ParameterType.STRING && p.name().toLowerCase(java.util.Locale.ROOT).endsWith("secretarn")
          && !parameterValues.has(p.name()) && p.required()) {
        parameterValues.put(p.name(), LocalSecrets.arnFor(target));
        filled.add(p.name());
      }
    }
  }

  @Override
  int run(MigrationTarget target, PrintWriter out) {
    try {
      return start(target, out);
    } finally {
      catalog.close();
    }
  }

  private int start(MigrationTarget target, PrintWriter out) {
    InputDocument input = new InputDocument(this.target, who(requestedBy, target), "api", parameterValues);
    String name = definition.map(MigrationCatalog.Found::name).orElse(migration);
    StartRequest request = new StartRequest(name, input, Optional.ofNullable(requestId));
    refuseStuckLock(target);
    if (target instanceof LocalTarget localTarget) {
      CompiledMachine machine = ShippedMigrations.compile(definition.orElseThrow(), aws.tables());
      localTarget.ensureInfrastructure(new DeployRequest(machine, Optional.empty(), List.of(), Optional.empty()));
      registerOwnFunctions(localTarget, name, out);
      for (String p : filled) {
        out.println(p + ": " + parameterValues.get(p).asText() + " (the local secret of database " + this.target
            + "; pass --param " + p + "=... for another)");
      }
      return runLocally(localTarget, request, out);
    }
    StartedExecution started = target.start(request);
    out.println((started.alreadyStarted() ? "already started: " : "started: ") + started.executionId());
    out.println("follow it with: ferry status " + this.target + " --watch");
    out.flush();
    return 0;
  }

  /**
   * The local handlers of the migration's own functions, from its rehearsal world on the user's
   * class path (a {@link RehearsalWorld} service); Ferry's shipped functions have theirs.
   */
  private void registerOwnFunctions(LocalTarget localTarget, String name, PrintWriter out) {
    Optional<World> world = RehearsalWorld.find(name, catalog.classLoader());
    world.ifPresent(w -> {
      Rehearsal.serveStandIns(w, localTarget);
      w.functions().forEach(f -> out.println(f.name() + ": the local handler of the rehearsal world of " + name));
    });
  }

  /**
   * A run would fail with {@code Ferry.LockHeld} at its lock; when the holder has ended, say so
   * here with the command that recovers, instead of starting a run that can only fail.
   */
  private void refuseStuckLock(MigrationTarget target) {
    RunStatus status;
    try {
      status = target.status(this.target);
    } catch (FerryException noRunYet) {
      // no progress row yet (or no tables): the run itself reports what is wrong
      return;
    }
    StuckLock.of(status, target).ifPresent(lock -> {
      throw new FerryException(lock.message(), lock.hint(local.flags()), FerryException.TARGET);
    });
  }

  /** Runs to the end in this process, a line per audit row as it is written. */
  private int runLocally(LocalTarget localTarget, StartRequest request, PrintWriter out) {
    for (String database : localDatabases) {
      localTarget.postgres().createDatabase(database);
    }
    for (String spec : localWriters) {
      String[] w = writerSpec(spec);
      localTarget.writers().register(new LocalWriter(w[0], localTarget.postgres(), w[1], w[2], Duration.ofMillis(100))).start();
    }
    StartedExecution started = localTarget.start(request);
    if (started.alreadyStarted()) {
      out.println("already ran: " + started.executionId());
      out.println("see it with: ferry status " + this.target + " --local (pass another --request-id to run again)");
      out.flush();
      return 0;
    }
    LocalRun run = localTarget.liveRun(started.name()).orElseThrow();
    out.println("started: " + run.id());
    out.flush();
    ExecutionResult result;
    try {
      result = run.follow(Duration.ofDays(1), row -> {
        out.println("  " + row.at() + "  " + row.step() + "  " + row.phase() + (row.error().isEmpty() ? "" : "  " + row.error()));
        if (StepKind.APPROVAL.word().equals(row.kind()) && Phase.STARTED.name().equals(row.phase())) {
          String where = this.target + " --local --local-dir " + local.directory;
          out.println("    waiting for a decision; from another terminal: ferry approve " + where
              + " --by NAME --comment '...', or ferry reject " + where + " --reason '...'");
        }
        out.flush();
      });
    } catch (TimeoutException e) {
      throw new FerryException(e.getMessage(), "answer it from another terminal, or start again", FerryException.TARGET);
    }
    if (result.status() == ExecutionStatus.SUCCEEDED) {
      out.println(result.status());
    } else {
      out.println(result.status() + (result.error() == null ? "" : ": " + result.error()));
      FailureReport.describe(result.error(), result.cause(), run.auditRows()).forEach(line -> out.println("  " + line));
    }
    out.flush();
    return result.status() == ExecutionStatus.SUCCEEDED ? 0 : 1;
  }

  /** NAME=DATABASE.TABLE as its three parts. */
  private static String[] writerSpec(String spec) {
    int eq = spec.indexOf('=');
    int dot = spec.lastIndexOf('.');
    if (eq < 1 || dot < eq + 2 || dot == spec.length() - 1) {
      throw FerryException.badInput("--local-writer '" + spec + "' is not NAME=DATABASE.TABLE",
          "write e.g. --local-writer orders-writer=orders-db.orders");
    }
    return new String[] {spec.substring(0, eq), spec.substring(eq + 1, dot), spec.substring(dot + 1)};
  }
}
