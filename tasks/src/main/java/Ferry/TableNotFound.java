package Ferry;

/** The DynamoDB table named in the payload does not exist. */
public final class TableNotFound extends TaskFailure {

  public TableNotFound(String message) {
    super(message);
  }

  public TableNotFound(String message, Throwable cause) {
    super(message, cause);
  }
}
