package dev.ferry.cli;

import dev.ferry.dsl.Condition;
import dev.ferry.dsl.Step;
import dev.ferry.dsl.compile.ResultChecks;
import dev.ferry.dsl.graph.MigrationGraph;
import dev.ferry.dsl.plan.MigrationPlan;
import java.util.List;
import java.util.Map;

/**
 * The cost target {@code ferry plan} checks: Standard workflows bill per state transition, so a
 * work step should cost its call and one record state (2), plus what it declares on top: a poll
 * repeats its call and checks the result (2), a result check is one Choice (1: the expectations
 * and the presence and type of every field later states read, together), a version comparison
 * parses and compares (2), a parallel group forks once and ends each branch (1 + branches). A run
 * adds a fixed {@value #FIXED} for input normalisation, the lock and its end.
 *
 * @param happyAllowed the most transitions the happy path may take
 * @param failureAllowed the most the worst failure path may take (it also runs every compensation)
 */
record TransitionTarget(int happyAllowed, int failureAllowed) {
  static final int FIXED = 10;

  static TransitionTarget of(MigrationGraph graph) {
    Map<String, ResultChecks> checks = ResultChecks.all(graph);
    int steps = graph.steps().stream().mapToInt(s -> allowance(s, checks)).sum();
    int compensations = graph.compensableInOrder().stream()
        .mapToInt(s -> allowance(s.compensation().orElseThrow(), checks)).sum();
    return new TransitionTarget(steps + FIXED, steps + compensations + FIXED);
  }

  private static int allowance(Step step, Map<String, ResultChecks> checks) {
    List<List<Step>> branches = step.branches();
    if (!branches.isEmpty()) {
      return 1 + branches.size() + branches.stream().flatMap(List::stream).mapToInt(s -> allowance(s, checks)).sum();
    }
    boolean checked = step.action().isPresent()
        && (!step.expectations().isEmpty() || ResultChecks.of(checks, step).checksCall());
    int parse = ResultChecks.versions(step.expectations()).isEmpty() ? 0 : 2;
    int pollParse = step.poll().filter(p -> p.until() instanceof Condition.VersionAtLeast).isPresent() ? 2 : 0;
    return 2 + (step.poll().isPresent() ? 2 : 0) + (checked ? 1 : 0) + parse + pollParse;
  }

  boolean met(MigrationPlan plan) {
    return plan.happyPathTransitions() <= happyAllowed && plan.worstFailurePathTransitions() <= failureAllowed;
  }

  List<String> describe(MigrationPlan plan) {
    return List.of(
        "Target: 2 transitions per work step, +2 per poll, +1 per result check (expectations and the fields"
            + " later states read), +2 per version comparison, +1 per parallel fork and branch end, +" + FIXED + " fixed",
        String.format("  happy path %d of at most %d: %s", plan.happyPathTransitions(), happyAllowed,
            plan.happyPathTransitions() <= happyAllowed ? "met" : "NOT met"),
        String.format("  worst failure path %d of at most %d: %s", plan.worstFailurePathTransitions(), failureAllowed,
            plan.worstFailurePathTransitions() <= failureAllowed ? "met" : "NOT met"));
  }
}
