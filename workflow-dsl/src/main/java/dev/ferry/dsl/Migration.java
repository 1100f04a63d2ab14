package dev.ferry.dsl;

import dev.ferry.contract.Trigger;
import dev.ferry.dsl.graph.GraphAssembler;
import dev.ferry.dsl.graph.MigrationGraph;
import dev.ferry.dsl.graph.VersionPlan;
import dev.ferry.dsl.validate.MigrationValidator;
import dev.ferry.dsl.validate.Violation;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Writes a migration: {@code Migration.named("x").parameter(...).step(...).build()}. A builder
 * (not thread-safe); {@link #build()} returns the immutable, validated {@link MigrationGraph}.
 */
public final class Migration {
  private final String name;
  private String description = "";
  private final List<Parameter<?>> parameters = new ArrayList<>();
  private final List<Step> steps = new ArrayList<>();
  private final List<VersionPlan> versionPlans = new ArrayList<>();
  private Step alreadyDoneCheck;
  private Condition alreadyDone;
  private String pointOfNoReturn;
  private final Set<Trigger> startedBy = EnumSet.noneOf(Trigger.class);

  private Migration(String name) {
    this.name = Objects.requireNonNull(name, "name");
  }

  /** Starts a migration; the name becomes the state machine's name. */
  public static Migration named(String name) {
    return new Migration(name);
  }

  public Migration description(String text) {
    this.description = Objects.requireNonNull(text, "description");
    return this;
  }

  public Migration parameter(Parameter<?> parameter) {
    parameters.add(Objects.requireNonNull(parameter, "parameter"));
    return this;
  }

  /** Adds the next step; steps run in the order they are added. */
  public Migration step(Step step) {
    steps.add(Objects.requireNonNull(step, "step"));
    return this;
  }

  /**
   * How to tell the target is already where this migration would take it (e.g. the schema is at
   * the target version): {@code check}, a guard step, runs first, right after the lock and before
   * any pause, backup or change; when its result meets {@code done} the run ends SUCCEEDED with an
   * audit row saying there was nothing to do, so a scheduled or repeated run touches nothing.
   */
  public Migration alreadyDoneWhen(Step check, Condition done) {
    if (Objects.requireNonNull(check, "check").kind() != StepKind.GUARD || check.action().isEmpty()) {
      throw new IllegalArgumentException("alreadyDoneWhen: '" + check.id() + "' must be a Step.guard(...) that invokes"
          + " something; its result decides whether there is anything to do");
    }
    this.alreadyDoneCheck = check;
    this.alreadyDone = Objects.requireNonNull(done, "done");
    return this;
  }

  /**
   * Marks the point of no return explicitly: once {@code step} (a top-level step of this
   * migration) has completed, a later failure is no longer compensated but retried, then ends the
   * run with {@code Ferry.Incomplete}, lock kept. Without it the default rule applies (after the
   * last verify, or at the first irreversible step when earlier). It may not come after an
   * irreversible step, and no step after it may declare a compensation.
   */
  public Migration pointOfNoReturnAfter(Step step) {
    this.pointOfNoReturn = Objects.requireNonNull(step, "step").id();
    return this;
  }

  /**
   * How runs of this migration are started, for the compile-time warnings: a migration {@link
   * Trigger#SCHEDULE started by a schedule} runs unattended, so an approval after a change would
   * wait for a human with the change made. {@code ferry deploy --schedule} warns the same way
   * whether or not it is declared.
   */
  public Migration startedBy(Trigger first, Trigger... more) {
    EnumSet<Trigger> all = EnumSet.of(Objects.requireNonNull(first, "trigger"), more);
    for (Trigger t : all) {
      if (!Trigger.ofInput().contains(t)) {
        throw new IllegalArgumentException("startedBy: '" + t.word() + "' is not how a run starts; use one of "
            + Trigger.inputWords());
      }
    }
    startedBy.addAll(all);
    return this;
  }

  /** Adds steps in order. */
  public Migration steps(List<? extends Step> more) {
    more.forEach(this::step);
    return this;
  }

  /**
   * Adds the steps of every hop of the shortest chain from {@code from} to {@code to} in {@code
   * matrix}, in order. When the matrix has no such chain, {@link #build()} reports it.
   */
  public Migration forEachHop(VersionMatrix matrix, String from, String to, Function<Hop, List<? extends Step>> stepsOfHop) {
    Optional<List<Hop>> hops = matrix.hops(from, to);
    List<VersionPlan.HopSteps> emitted = new ArrayList<>();
    hops.ifPresent(list -> list.forEach(hop -> {
      List<? extends Step> hopSteps = stepsOfHop.apply(hop);
      steps(hopSteps);
      emitted.add(new VersionPlan.HopSteps(hop, hopSteps.stream().map(Step::id).toList()));
    }));
    versionPlans.add(new VersionPlan(matrix, from, to, hops.map(h -> emitted)));
    return this;
  }

  /** The graph without validation: for tools that report violations themselves. */
  public MigrationGraph assemble() {
    List<Step> all = new ArrayList<>(steps);
    if (alreadyDoneCheck != null) {
      all.addFirst(alreadyDoneCheck);
    }
    return GraphAssembler.assemble(name, description, parameters, all, versionPlans,
        Optional.ofNullable(alreadyDoneCheck).map(c -> new MigrationGraph.AlreadyDone(c.id(), alreadyDone)),
        Optional.ofNullable(pointOfNoReturn), startedBy);
  }

  /**
   * The validated graph.
   *
   * @throws MigrationValidationException listing every violated rule
   */
  public MigrationGraph build() {
    MigrationGraph graph = assemble();
    List<Violation> violations = MigrationValidator.validate(graph);
    if (!violations.isEmpty()) {
      throw new MigrationValidationException(name, violations);
    }
    return graph;
  }
}
