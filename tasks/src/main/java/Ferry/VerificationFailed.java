package Ferry;

/** A verification found the system not in the expected state. */
public final class VerificationFailed extends TaskFailure {

  public VerificationFailed(String message) {
    super(message);
  }

  public VerificationFailed(String message, Throwable cause) {
    super(message, cause);
  }
}
