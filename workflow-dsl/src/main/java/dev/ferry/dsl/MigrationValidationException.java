package dev.ferry.dsl;

import dev.ferry.dsl.validate.Violation;
import java.util.List;

/** A migration broke one or more rules; the message lists every violation, one per line. */
public final class MigrationValidationException extends RuntimeException {
  private final String migration;
  private final transient List<Violation> violations;

  public MigrationValidationException(String migration, List<Violation> violations) {
    super(message(migration, violations));
    this.migration = migration;
    this.violations = List.copyOf(violations);
  }

  public String migration() {
    return migration;
  }

  public List<Violation> violations() {
    return violations;
  }

  private static String message(String migration, List<Violation> violations) {
    StringBuilder b = new StringBuilder("Migration '")
        .append(migration)
        .append("' has ")
        .append(violations.size())
        .append(violations.size() == 1 ? " problem:" : " problems:");
    violations.forEach(v -> b.append("\n  - ").append(v));
    return b.toString();
  }
}
