package dev.ferry.cli;

import dev.ferry.deploy.FerryException;
import dev.ferry.deploy.InputDocument;
import dev.ferry.deploy.MigrationTarget;
import dev.ferry.deploy.StartRequest;
import dev.ferry.deploy.StuckLock;
import dev.ferry.deploy.RunStatus;
import dev.ferry.deploy.StartedExecution;
import dev.ferry.deploy.local.LocalRun;
import dev.ferry.deploy.local.LocalTarget;
import dev.ferry.engine.ExecutionResult;
import dev.ferry.engine.ExecutionStatus;
import dev.ferry.tasks.local.LocalWriter;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "start", mixinStandardHelpOptions = true,
    description = "Start a migration on a target through its live alias. The execution name is derived "
        + "from the request, so the same request twice returns the run it already started.")
public final class StartCommand extends TargetCommand {

  @Parameters(index = "0", paramLabel = "TARGET", description = "what to migrate, e.g. orders-db")
  String target;

  @Option(names = "--migration", required = true, description = "the deployed migration's name")
  String migration;

  @Option(names = "--param", paramLabel = "NAME=VALUE", description = "a migration parameter (JSON values keep their type)")
  List<String> parameters = List.of();

  @Option(names = "--request-id", paramLabel = "ID",
      description = "names this request (a ticket, a date); default: the input itself")
  String requestId;

  @Option(names = "--requested-by", description = "who asks (default: your AWS identity)")
  String requestedBy;

  @Option(names = "--local-database", paramLabel = "NAME",
      description = "with --local: create this database in the embedded PostgreSQL if it does not exist")
  List<String> localDatabases = List.of();

  @Option(names = "--local-writer", paramLabel = "NAME=DATABASE.TABLE",
      description = "with --local: a writer inserting into DATABASE.TABLE every 100 ms, for the writers parameter"
          + " ({\"type\":\"local\",\"name\":NAME})")
  List<String> localWriters = List.of();

  @Override
  void validate() {
    InputDocument.requireTarget(target);
    InputDocument.parameters(parameters);
    if (!local.local && (!localDatabases.isEmpty() || !localWriters.isEmpty())) {
      throw FerryException.badInput("--local-database and --local-writer set up the local target only",
          "add --local, or leave them out for AWS");
    }
    localWriters.forEach(StartCommand::writerSpec);
  }

  @Override
  int run(MigrationTarget target, PrintWriter out) {
    InputDocument input = new InputDocument(this.target, who(requestedBy, target), "api", InputDocument.parameters(parameters));
    StartRequest request = new StartRequest(migration, input, Optional.ofNullable(requestId));
    refuseStuckLock(target);
    if (target instanceof LocalTarget localTarget) {
      return runLocally(localTarget, request, out);
    }
    StartedExecution started = target.start(request);
    out.println((started.alreadyStarted() ? "already started: " : "started: ") + started.executionId());
    out.println("follow it with: ferry status " + this.target + " --watch");
    out.flush();
    return 0;
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
      throw new FerryException(lock.message(), lock.hint(), FerryException.TARGET);
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
        out.flush();
      });
    } catch (TimeoutException e) {
      throw new FerryException(e.getMessage(), "answer it from another terminal, or start again", FerryException.TARGET);
    }
    out.println(result.status() + (result.error() == null ? "" : ": " + result.error() + ": " + result.cause()));
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
