package Ferry;

import dev.ferry.tasks.FerryError;

/**
 * A task handler's failure. Its {@link #errorName()} is its class name, which is what the AWS
 * Lambda runtime reports as {@code errorType} (see the package documentation).
 */
public abstract sealed class TaskFailure extends RuntimeException implements FerryError
    permits ServiceUnavailable, DatabaseNotFound, SnapshotNotFound, RestoreFailed, TableNotFound, BackupNotFound, WriterNotFound, DatabaseUnavailable, UpgradeFailed, VerificationFailed, OperationInProgress, FunctionNotFound, InvalidInput {

  protected TaskFailure(String message) {
    super(message);
  }

  protected TaskFailure(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public final String errorName() {
    return getClass().getName();
  }
}
