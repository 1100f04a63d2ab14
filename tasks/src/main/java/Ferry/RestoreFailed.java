package Ferry;

/** A restore (database or table) reached a state it cannot finish from. */
public final class RestoreFailed extends TaskFailure {

  public RestoreFailed(String message) {
    super(message);
  }

  public RestoreFailed(String message, Throwable cause) {
    super(message, cause);
  }
}
