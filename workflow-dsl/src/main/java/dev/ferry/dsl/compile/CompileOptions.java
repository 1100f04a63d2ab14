package dev.ferry.dsl.compile;

import java.time.Duration;
import java.util.Objects;

/**
 * How a migration is compiled: table names, the prefix added to every Lambda function name, and
 * the default task timeout of steps that set none.
 */
public record CompileOptions(String progressTable, String auditTable, String functionPrefix, Duration taskTimeout) {

  public CompileOptions {
    Objects.requireNonNull(progressTable, "progressTable");
    Objects.requireNonNull(auditTable, "auditTable");
    Objects.requireNonNull(functionPrefix, "functionPrefix");
    Objects.requireNonNull(taskTimeout, "taskTimeout");
    if (taskTimeout.toSeconds() < 1) {
      throw new IllegalArgumentException("taskTimeout must be at least 1 second");
    }
  }

  /** FerryProgress, FerryAudit, no prefix, 5-minute tasks. */
  public static CompileOptions defaults() {
    return new CompileOptions("FerryProgress", "FerryAudit", "", Duration.ofMinutes(5));
  }

  public CompileOptions withTables(String progress, String audit) {
    return new CompileOptions(progress, audit, functionPrefix, taskTimeout);
  }

  public CompileOptions withFunctionPrefix(String prefix) {
    return new CompileOptions(progressTable, auditTable, prefix, taskTimeout);
  }

  public CompileOptions withTaskTimeout(Duration timeout) {
    return new CompileOptions(progressTable, auditTable, functionPrefix, timeout);
  }
}
