package Ferry;

/** A guard found an operation in progress that the migration must not overlap. */
public final class OperationInProgress extends TaskFailure {

  public OperationInProgress(String message) {
    super(message);
  }

  public OperationInProgress(String message, Throwable cause) {
    super(message, cause);
  }
}
