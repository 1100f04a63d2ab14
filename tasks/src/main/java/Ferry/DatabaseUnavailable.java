package Ferry;

/** The database could not be reached with the credentials from the secret. */
public final class DatabaseUnavailable extends TaskFailure {

  public DatabaseUnavailable(String message) {
    super(message);
  }

  public DatabaseUnavailable(String message, Throwable cause) {
    super(message, cause);
  }
}
