package dev.ferry.engine;

/**
 * An error in the Step Functions sense: a name ({@code States.Timeout}, {@code DynamoDb.ConditionalCheckFailedException},
 * a Lambda {@code errorType}) and a cause. Retriers and catchers match on {@link #error()}.
 */
public final class StatesError extends RuntimeException {
  private final String error;
  private final String cause;

  public StatesError(String error, String cause) {
    super(error + ": " + cause, null, false, false);
    this.error = error;
    this.cause = cause;
  }

  public String error() {
    return error;
  }

  public String cause() {
    return cause;
  }
}
