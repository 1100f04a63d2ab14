package Ferry;

import dev.ferry.tasks.FerryError;

/**
 * A task handler's failure. Its {@link #errorName()} is its class name, which is what the AWS
 * Lambda runtime reports as {@code errorType} (see the package documentation).
 *
 * <p>It records no stack trace: its message is written for the operator, and the runtime would put
 * the trace into the error's cause, which lands in the execution's cause and the audit rows. The
 * cause the handler caught is kept for debugging in-process; its message is already in this one's.
 */
public abstract sealed class TaskFailure extends RuntimeException implements FerryError
    permits ServiceUnavailable, DatabaseNotFound, SnapshotNotFound, RestoreFailed, TableNotFound, BackupNotFound, WriterNotFound, DatabaseUnavailable, UpgradeFailed, VerificationFailed, OperationInProgress, FunctionNotFound, InvalidInput {

  protected TaskFailure(String message) {
    super(message, null, false, false);
  }

  protected TaskFailure(String message, Throwable cause) {
    super(message, cause, false, false);
  }

  @Override
  public final String errorName() {
    return getClass().getName();
  }
}
