package Ferry;

/** The DynamoDB backup named in the payload does not exist. */
public final class BackupNotFound extends TaskFailure {

  public BackupNotFound(String message) {
    super(message);
  }

  public BackupNotFound(String message, Throwable cause) {
    super(message, cause);
  }
}
