package dev.ferry.deploy;

import java.time.Instant;
import java.util.Optional;

/** An execution as its engine reports it. */
public record ExecutionInfo(
    String id, String name, String status, Instant startedAt, Optional<Instant> stoppedAt,
    Optional<String> error, Optional<String> cause) {

  /** Step Functions statuses after which nothing more happens without a redrive. */
  public boolean isTerminal() {
    return switch (status) {
      case "RUNNING", "PENDING_REDRIVE" -> false;
      default -> true;
    };
  }
}
