package dev.ferry.deploy;

import java.util.Objects;

/**
 * One Lambda function shipped in the tasks jar: its name as the compiled machine calls it, the
 * handler class, and its sizing.
 */
public record FunctionSpec(String name, String handler, int memoryMb, int timeoutSeconds) {
  public FunctionSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(handler, "handler");
    if (memoryMb < 128 || memoryMb > 10240) {
      throw new IllegalArgumentException(name + ": memoryMb " + memoryMb + " is outside 128..10240");
    }
    if (timeoutSeconds < 1 || timeoutSeconds > 900) {
      throw new IllegalArgumentException(name + ": timeoutSeconds " + timeoutSeconds + " is outside 1..900");
    }
  }
}
