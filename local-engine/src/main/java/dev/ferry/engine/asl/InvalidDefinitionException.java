package dev.ferry.engine.asl;

/** The definition is not valid ASL; the message names the state and field and says what to change. */
public final class InvalidDefinitionException extends IllegalArgumentException {
  public InvalidDefinitionException(String message) {
    super(message);
  }

  public InvalidDefinitionException(String message, Throwable cause) {
    super(message, cause);
  }
}
