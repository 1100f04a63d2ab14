package dev.ferry.deploy;

import java.util.Optional;

/**
 * A request to run a migration on a target. {@code requestId} (a ticket, a date) names the
 * request; without one, the input document itself identifies it.
 */
public record StartRequest(String migration, InputDocument input, Optional<String> requestId) {

  public String executionName() {
    return ExecutionName.of(migration, input, requestId.orElse(null));
  }
}
