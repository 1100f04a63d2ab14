package dev.ferry.deploy.local;

import dev.ferry.deploy.AuditRow;
import dev.ferry.deploy.ExecutionInfo;
import dev.ferry.deploy.HistoryEvent;
import dev.ferry.deploy.ProgressStore;
import dev.ferry.engine.Execution;
import dev.ferry.engine.ExecutionResult;
import dev.ferry.engine.ExecutionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * An execution the local target runs in this process: wait for it, follow its audit rows as they
 * are written, read its history. Obtained from {@link LocalTarget#run}.
 */
public final class LocalRun {

  private static final Duration POLL = Duration.ofMillis(100);

  private final Execution execution;
  private final String migration;
  private final String target;
  private final ProgressStore store;
  private final Runnable onEnd;

  LocalRun(Execution execution, String migration, String target, ProgressStore store, Runnable onEnd) {
    this.execution = execution;
    this.migration = migration;
    this.target = target;
    this.store = store;
    this.onEnd = onEnd;
  }

  /** The execution name (deterministic, from the start request). */
  public String name() {
    return execution.name();
  }

  /** The execution ARN, as the progress row's {@code execution} and {@code lockHolder} hold it. */
  public String id() {
    return execution.arn();
  }

  public String migration() {
    return migration;
  }

  public String target() {
    return target;
  }

  /** The engine's handle, for what this class does not wrap (stop, the raw history). */
  public Execution execution() {
    return execution;
  }

  public ExecutionStatus status() {
    return execution.status();
  }

  /** Waits at most {@code timeout} of wall time for the run (or its latest redrive) to end. */
  public ExecutionResult await(Duration timeout) throws TimeoutException {
    return follow(timeout, row -> { });
  }

  /**
   * Waits at most {@code timeout} for the run to end, handing each audit row of this execution to
   * {@code onRow} once, in order, as it appears in the audit table (polled every 100 ms, and once
   * more after the end so no row is missed).
   */
  public ExecutionResult follow(Duration timeout, Consumer<AuditRow> onRow) throws TimeoutException {
    Instant deadline = Instant.now().plus(timeout);
    Set<String> seen = new HashSet<>();
    while (execution.status() == ExecutionStatus.RUNNING) {
      emitNew(seen, onRow);
      if (Instant.now().isAfter(deadline)) {
        throw new TimeoutException("execution " + name() + " is still running after " + timeout
            + "; is it waiting for an approval (ferry approve " + target + " --local)?");
      }
      try {
        execution.await(POLL);
      } catch (IllegalStateException stillRunning) {
        // not ended within this poll interval: look for new rows and wait again
      }
    }
    ExecutionResult result = execution.await();
    onEnd.run();
    emitNew(seen, onRow);
    return result;
  }

  /** This execution's audit rows so far, in the order they happened. */
  public List<AuditRow> auditRows() {
    return store.audit(target, Optional.of(name()));
  }

  /** The history events so far, in the shape {@code ferry history} prints. */
  public List<HistoryEvent> history() {
    return RunRecorder.history(execution);
  }

  /** The execution as a target reports it. */
  public ExecutionInfo info() {
    return RunRecorder.info(execution);
  }

  private void emitNew(Set<String> seen, Consumer<AuditRow> onRow) {
    for (AuditRow row : auditRows()) {
      if (seen.add(row.entry())) {
        onRow.accept(row);
      }
    }
  }
}
