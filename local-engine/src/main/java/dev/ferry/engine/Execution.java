package dev.ferry.engine;

import dev.ferry.engine.runtime.Run;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A started execution: await its result, read its history, stop or redrive it. */
public final class Execution {
  private final Run run;

  Execution(Run run) {
    this.run = run;
  }

  public String name() {
    return run.name();
  }

  /** The execution ARN, {@code arn:aws:states:us-east-1:123456789012:execution:<machine>:<name>}. */
  public String arn() {
    return run.arn();
  }

  public ExecutionStatus status() {
    return run.status();
  }

  /** Waits for the execution (or its latest redrive) to end. */
  public ExecutionResult await() {
    try {
      return run.latest().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for execution '" + name() + "'", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Waits at most {@code timeout} (wall time); throws IllegalStateException naming the execution if it is still running. */
  public ExecutionResult await(Duration timeout) {
    try {
      return run.latest().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("Execution '" + name() + "' is still " + status() + " after " + timeout + "; is it waiting for a task token?", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /** The events so far, oldest first. */
  public List<HistoryEvent> history() {
    return run.history();
  }

  /** Aborts the execution, as {@code StopExecution}; error and cause may be null. */
  public void stop(String error, String cause) {
    run.stop(error, cause);
  }

  /**
   * Redrives a FAILED, TIMED_OUT or ABORTED execution, as {@code RedriveExecution}: it resumes at the
   * top-level state that did not complete, with that state's input and the variables it saw; states
   * that completed are not run again, nor are the branches and iterations of a failed top-level
   * Parallel or Map state that succeeded. {@link #await()} then waits for the redriven run.
   */
  public Execution redrive() {
    run.redrive();
    return this;
  }
}
