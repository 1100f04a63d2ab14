package dev.ferry.tasks;

/**
 * A failure that carries a Ferry error name ({@code Ferry.<Name>}), the name a compiled machine's
 * {@code Retry} and {@code Catch} match on. The local engine reads it here; on AWS the Lambda runtime
 * reports the exception's class name, which the handlers' exceptions (package {@code Ferry}) make
 * equal to it.
 */
public interface FerryError {

  /** The error name, {@code Ferry.<Name>}. */
  String errorName();
}
