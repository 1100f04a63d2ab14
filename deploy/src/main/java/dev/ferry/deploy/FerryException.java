package dev.ferry.deploy;

/**
 * A failure an operator can act on: {@link #getMessage()} says what is wrong, {@link #hint()} what
 * to do next. The CLI prints both and exits with {@link #exitCode()}.
 */
public final class FerryException extends RuntimeException {

  /** Exit code for bad input or a refused operation: nothing was changed. */
  public static final int USAGE = 2;
  /** Exit code for a failure talking to the target after input was accepted. */
  public static final int TARGET = 3;

  private final String hint;
  private final int exitCode;

  public FerryException(String message, String hint, int exitCode) {
    super(message);
    this.hint = hint;
    this.exitCode = exitCode;
  }

  public FerryException(String message, String hint, int exitCode, Throwable cause) {
    super(message, cause);
    this.hint = hint;
    this.exitCode = exitCode;
  }

  public static FerryException badInput(String message, String hint) {
    return new FerryException(message, hint, USAGE);
  }

  public String hint() {
    return hint;
  }

  public int exitCode() {
    return exitCode;
  }
}
