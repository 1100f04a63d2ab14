package dev.ferry.cli;

import dev.ferry.dsl.Step;
import dev.ferry.dsl.graph.MigrationGraph;
import dev.ferry.dsl.plan.MigrationPlan;
import java.util.List;

/**
 * The cost target {@code ferry plan} checks: Standard workflows bill per state transition, so a
 * work step should cost its call and one record state (2), plus what it declares on top: a poll
 * repeats its call and checks the result (2), an expectation is one check (1), a parallel group
 * forks once and ends each branch (1 + branches). A run adds a fixed {@value #FIXED} for input
 * normalisation, the lock and its end.
 *
 * @param happyAllowed the most transitions the happy path may take
 * @param failureAllowed the most the worst failure path may take (it also runs every compensation)
 */
record TransitionTarget(int happyAllowed, int failureAllowed) {
  static final int FIXED = 10;

  static TransitionTarget of(MigrationGraph graph) {
    int steps = graph.steps().stream().mapToInt(TransitionTarget::allowance).sum();
    int compensations = graph.compensableInOrder().stream()
        .mapToInt(s -> allowance(s.compensation().orElseThrow())).sum();
    return new TransitionTarget(steps + FIXED, steps + compensations + FIXED);
  }

  private static int allowance(Step step) {
    List<List<Step>> branches = step.branches();
    if (!branches.isEmpty()) {
      return 1 + branches.size() + branches.stream().flatMap(List::stream).mapToInt(TransitionTarget::allowance).sum();
    }
    return 2 + (step.poll().isPresent() ? 2 : 0) + (step.expectations().isEmpty() ? 0 : 1);
  }

  boolean met(MigrationPlan plan) {
    return plan.happyPathTransitions() <= happyAllowed && plan.worstFailurePathTransitions() <= failureAllowed;
  }

  List<String> describe(MigrationPlan plan) {
    return List.of(
        "Target: 2 transitions per work step, +2 per poll, +1 per expectation check, +1 per parallel fork"
            + " and branch end, +" + FIXED + " fixed",
        String.format("  happy path %d of at most %d: %s", plan.happyPathTransitions(), happyAllowed,
            plan.happyPathTransitions() <= happyAllowed ? "met" : "NOT met"),
        String.format("  worst failure path %d of at most %d: %s", plan.worstFailurePathTransitions(), failureAllowed,
            plan.worstFailurePathTransitions() <= failureAllowed ? "met" : "NOT met"));
  }
}
