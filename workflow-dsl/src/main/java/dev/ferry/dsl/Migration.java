package dev.ferry.dsl;

import dev.ferry.dsl.graph.GraphAssembler;
import dev.ferry.dsl.graph.MigrationGraph;
import dev.ferry.dsl.graph.VersionPlan;
import dev.ferry.dsl.validate.MigrationValidator;
import dev.ferry.dsl.validate.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
    return GraphAssembler.assemble(name, description, parameters, steps, versionPlans);
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
