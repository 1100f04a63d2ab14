package Ferry;

/** The Lambda function or alias named in the payload does not exist. */
public final class FunctionNotFound extends TaskFailure {

  public FunctionNotFound(String message) {
    super(message);
  }

  public FunctionNotFound(String message, Throwable cause) {
    super(message, cause);
  }
}
