package dev.ferry.dsl.validate;

import java.util.Objects;

/**
 * A risk the compiler points out without refusing the migration: where ({@code subject}), which
 * risk, what can happen and what to do about it. Printed by {@code ferry compile}, {@code plan},
 * {@code validate}, {@code deploy}/{@code export} with {@code --schedule}, and the Maven plugin.
 */
public record Warning(String subject, Risk risk, String problem, String advice) {
  public Warning {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(risk, "risk");
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(advice, "advice");
  }

  @Override
  public String toString() {
    return "warning: " + subject + ": " + risk.words() + ". " + problem + " Advice: " + advice;
  }
}
