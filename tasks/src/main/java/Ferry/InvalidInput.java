package Ferry;

/** A payload field is missing or malformed; the message names the field. */
public final class InvalidInput extends TaskFailure {

  public InvalidInput(String message) {
    super(message);
  }

  public InvalidInput(String message, Throwable cause) {
    super(message, cause);
  }
}
