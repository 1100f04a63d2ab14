package Ferry;

/** An HTTP service the task talks to (the migration service) could not be reached or answered garbage. */
public final class ServiceUnavailable extends TaskFailure {

  public ServiceUnavailable(String message) {
    super(message);
  }

  public ServiceUnavailable(String message, Throwable cause) {
    super(message, cause);
  }
}
