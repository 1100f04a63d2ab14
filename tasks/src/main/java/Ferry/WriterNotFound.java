package Ferry;

/** A writer to pause (Lambda function, ECS service, local writer) does not exist. */
public final class WriterNotFound extends TaskFailure {

  public WriterNotFound(String message) {
    super(message);
  }

  public WriterNotFound(String message, Throwable cause) {
    super(message, cause);
  }
}
