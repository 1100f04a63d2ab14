package Ferry;

/** A schema upgrade (SQL migrations or the migration service) did not complete. */
public final class UpgradeFailed extends TaskFailure {

  public UpgradeFailed(String message) {
    super(message);
  }

  public UpgradeFailed(String message, Throwable cause) {
    super(message, cause);
  }
}
