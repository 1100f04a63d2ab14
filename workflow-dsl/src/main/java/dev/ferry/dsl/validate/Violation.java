package dev.ferry.dsl.validate;

import java.util.Objects;

/**
 * One broken rule: where ({@code subject}: {@code step 'apply-schema'}, {@code parameter
 * 'targetVersion'}, {@code migration 'x'}), which rule, what is wrong and what to do.
 */
public record Violation(String subject, Rule rule, String problem, String fix) {
  public Violation {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(fix, "fix");
  }

  public static Violation step(String stepId, Rule rule, String problem, String fix) {
    return new Violation("step '" + stepId + "'", rule, problem, fix);
  }

  @Override
  public String toString() {
    return subject + ": " + rule.words() + ". " + problem + " Fix: " + fix;
  }
}
