package dev.ferry.deploy.rehearse;

import dev.ferry.deploy.CompiledMachine;
import dev.ferry.deploy.DeployRequest;
import dev.ferry.deploy.FerryException;
import dev.ferry.deploy.local.LocalSettings;
import dev.ferry.deploy.local.LocalTarget;
import dev.ferry.deploy.rehearse.world.LocalFunction;
import dev.ferry.deploy.rehearse.world.LocalIntegration;
import dev.ferry.deploy.rehearse.world.World;
import dev.ferry.dsl.compile.CallKind;
import dev.ferry.dsl.compile.MachineStructure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * {@code ferry rehearse}: runs a migration on the local target once without faults, then once per
 * (step, fault) the step admits, and checks each run: the {@link UniversalChecks universal checks}
 * the compiled structure gives every migration, and the world's own invariants. Nothing in here
 * knows a migration: what it runs against is the migration's {@link World}.
 *
 * <p>All runs share one DynamoDB Local and one embedded PostgreSQL. The world's databases are
 * seeded once into templates; each run copies them under its own names, has its own tables, writers
 * and target, and runs on a sibling target with its own engine and faults, so runs are independent
 * and go on several at once (one at a time for a {@link World#parallel() sequential} world). The
 * fault-free run goes first: its result is what a succeeded run must equal.
 *
 * <p>A run that stops with its lock still held and its progress {@code RUNNING} (the process died,
 * or the write recording the last step failed after the work was done) is redriven once with the
 * faults cleared, as an operator would with {@code ferry redrive}; the checks judge where it ends.
 */
public final class Rehearsal {

  /** One check of a run. */
  public record Check(String name, boolean ok, String detail) {}

  /** One run: the step and fault (both empty for the fault-free run), how it ended, the checks. */
  public record Run(String id, Optional<String> step, Optional<FaultKind> fault, String outcome, List<Check> checks,
      Duration took) {
    public boolean passed() {
      return checks.stream().allMatch(Check::ok);
    }
  }

  /**
   * What to rehearse: {@code machine} (compiled here, so that its structure is known) against
   * {@code world}, each of {@code faults} at each of {@code steps} that admits it.
   *
   * @param parallelism how many runs go on at once (1 for a sequential world)
   */
  public record Plan(CompiledMachine machine, World world, List<FaultPoint> steps, List<FaultKind> faults, int parallelism) {
    public Plan {
      steps = List.copyOf(steps);
      faults = List.copyOf(faults);
      if (parallelism < 1) {
        throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
      }
      if (!machine.migration().equals(world.migration())) {
        throw FerryException.badInput("the world given is for " + world.migration() + ", not " + machine.migration(),
            "rehearse " + machine.migration() + " with its own world");
      }
    }

    /** Every step with every fault, as many runs at once as the machine has cores (at least two). */
    public static Plan everything(CompiledMachine machine, World world) {
      return new Plan(machine, world, FaultPoint.of(machine.requireStructure()), List.of(FaultKind.values()),
          defaultParallelism());
    }

    /** The same plan at {@code steps} only (ids of top-level steps that call a function). */
    public Plan atSteps(List<String> ids) {
      List<FaultPoint> all = FaultPoint.of(machine.requireStructure());
      for (String id : ids) {
        if (all.stream().noneMatch(s -> s.id().equals(id))) {
          throw FerryException.badInput("--steps: '" + id + "' is not a step of " + machine.migration() + " that calls a function",
              "use some of " + all.stream().map(FaultPoint::id).collect(Collectors.joining(", ")));
        }
      }
      return new Plan(machine, world, all.stream().filter(s -> ids.contains(s.id())).toList(), faults, parallelism);
    }

    public Plan withFaults(List<FaultKind> kinds) {
      return new Plan(machine, world, steps, kinds, parallelism);
    }

    public Plan withParallelism(int runs) {
      return new Plan(machine, world, steps, faults, runs);
    }

    /** The (step, fault) pairs the rehearsal runs after the fault-free run, in plan order. */
    public List<Faulted> matrix() {
      List<Faulted> out = new ArrayList<>();
      for (FaultPoint step : steps) {
        for (FaultKind fault : faults) {
          if (fault.appliesTo(step)) {
            out.add(new Faulted(step, fault));
          }
        }
      }
      return out;
    }
  }

  /** One fault at one step. */
  public record Faulted(FaultPoint step, FaultKind fault) {}

  /** Every run of the rehearsal, in plan order (the fault-free run first). */
  public record Report(List<Run> runs, Duration took) {
    public long passed() {
      return runs.stream().filter(Run::passed).count();
    }

    public long failed() {
      return runs.size() - passed();
    }
  }

  /** What every run of one rehearsal shares. */
  record Setup(String tag, World world, SeededWorld seeded, MachineStructure structure, InvariantChecks invariants,
      boolean hasApprovals, List<Faulted> matrix) {
    /** The compensation a run's fault makes fail. */
    Optional<String> compensationOf(RehearsalRun run) {
      return matrix.stream()
          .filter(f -> run.fault().equals(Optional.of(f.fault().cliName() + " at " + f.step().id())))
          .findFirst()
          .flatMap(f -> f.step().firstCompensation())
          .map(s -> s.id());
    }
  }

  private Rehearsal() {}

  static int defaultParallelism() {
    return Math.max(2, Runtime.getRuntime().availableProcessors());
  }

  /** Rehearses {@code plan} on a temporary local target of its own. */
  public static Report run(Plan plan, Consumer<Run> onRun) throws Exception {
    try (LocalTarget local = LocalTarget.open(LocalSettings.temporary())) {
      // The embedded PostgreSQL starts while the sibling targets are made.
      Thread.ofVirtual().name("ferry-rehearse-postgres").start(local::postgres);
      return run(local, plan, onRun);
    }
  }

  /**
   * Rehearses {@code plan} on {@code local} (which the caller owns and whose tables the machine was
   * compiled with), the fault-free run first; hands each run to {@code onRun} as it ends, one at a
   * time.
   */
  public static Report run(LocalTarget local, Plan plan, Consumer<Run> onRun) throws Exception {
    Instant started = Instant.now();
    MachineStructure structure = plan.machine().requireStructure();
    World world = plan.world();
    SeededWorld.requireHandlers(world, structure);
    boolean approvals = structure.calls().stream().anyMatch(c -> c.kind() == CallKind.LAMBDA_CALLBACK);
    // Runs of two rehearsals on one target must not share a name: each rehearsal tags its own.
    String tag = Long.toString(java.util.concurrent.ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36), 36);
    int workers = world.parallel() ? plan.parallelism() : 1;
    BlockingQueue<LocalTarget> siblings = new ArrayBlockingQueue<>(workers);
    List<LocalTarget> opened = new ArrayList<>();
    Consumer<Run> deliver = run -> {
      synchronized (onRun) {
        onRun.accept(run);
      }
    };
    ExecutorService pool = Executors.newFixedThreadPool(workers, r -> Thread.ofPlatform().daemon().name("ferry-rehearse").unstarted(r));
    try {
      for (int i = 0; i < workers; i++) {
        LocalTarget sibling = local.sibling();
        opened.add(sibling);
        serveStandIns(world, sibling);
        sibling.ensureInfrastructure(new DeployRequest(plan.machine(), Optional.empty(), List.of(), Optional.empty()));
        siblings.add(sibling);
      }
      SeededWorld seeded = SeededWorld.seed(world, local);
      Setup setup = new Setup(tag, world, seeded, structure, new InvariantChecks(world.invariants()), approvals, plan.matrix());
      List<Run> runs = new ArrayList<>();
      Run baseline = once(setup, siblings, 0, Optional.empty());
      deliver.accept(baseline);
      runs.add(baseline);
      List<Future<Run>> pending = new ArrayList<>();
      List<Faulted> matrix = plan.matrix();
      for (int i = 0; i < matrix.size(); i++) {
        int number = i + 1;
        Faulted faulted = matrix.get(i);
        pending.add(pool.submit(() -> {
          Run run = once(setup, siblings, number, Optional.of(faulted));
          deliver.accept(run);
          return run;
        }));
      }
      for (Future<Run> f : pending) {
        runs.add(unwrap(f));
      }
      return new Report(List.copyOf(runs), Duration.between(started, Instant.now()));
    } finally {
      pool.shutdownNow();
      opened.forEach(LocalTarget::close);
    }
  }

  private static Run once(Setup setup, BlockingQueue<LocalTarget> siblings, int number, Optional<Faulted> faulted)
      throws Exception {
    LocalTarget sibling = siblings.take();
    try {
      return new RehearsalRun(setup, sibling, number, faulted.map(Faulted::step), faulted.map(Faulted::fault)).execute();
    } finally {
      siblings.add(sibling);
    }
  }

  private static Run unwrap(Future<Run> future) throws Exception {
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  /**
   * Serves the world's own functions and SDK stand-ins on {@code local}, before its first run: for
   * every rehearsal run, and for {@code ferry start --local} of a user's migration.
   */
  public static void serveStandIns(World world, LocalTarget local) {
    SeededWorld.Pieces pieces = new SeededWorld.Pieces(local);
    for (LocalFunction f : world.functions()) {
      local.registerFunction(f.name(), environment -> SeededWorld.handler(f, pieces));
    }
    for (LocalIntegration integration : world.integrations()) {
      local.resolver(integration.resourcePrefix(), SeededWorld.resolver(integration, pieces));
    }
  }
}
