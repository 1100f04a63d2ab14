package Ferry;

/** The database instance or cluster named in the payload does not exist. */
public final class DatabaseNotFound extends TaskFailure {

  public DatabaseNotFound(String message) {
    super(message);
  }

  public DatabaseNotFound(String message, Throwable cause) {
    super(message, cause);
  }
}
