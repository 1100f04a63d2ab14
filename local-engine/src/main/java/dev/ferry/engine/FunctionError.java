package dev.ferry.engine;

/**
 * The error a Lambda function reports, as its runtime reports it: the {@code errorType} and the
 * error payload exactly as the runtime wrote it (a Python function's {@code json.dumps} text, say).
 * A function called by ARN fails with that text as its cause; {@code lambda:invoke} re-serialises it
 * compactly, as Step Functions does.
 */
public final class FunctionError extends RuntimeException implements ErrorNamed {
  private final String errorType;
  private final String payload;

  public FunctionError(String errorType, String payload) {
    super(errorType + ": " + payload, null, false, false);
    this.errorType = errorType;
    this.payload = payload;
  }

  @Override
  public String errorName() {
    return errorType;
  }

  /** The error payload as the function's runtime wrote it. */
  public String payload() {
    return payload;
  }
}
