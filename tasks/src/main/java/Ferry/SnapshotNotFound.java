package Ferry;

/** The database snapshot named in the payload does not exist. */
public final class SnapshotNotFound extends TaskFailure {

  public SnapshotNotFound(String message) {
    super(message);
  }

  public SnapshotNotFound(String message, Throwable cause) {
    super(message, cause);
  }
}
