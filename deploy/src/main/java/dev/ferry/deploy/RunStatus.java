package dev.ferry.deploy;

import dev.ferry.contract.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** What {@code ferry status} shows: the progress row joined with the execution it names. */
public record RunStatus(Progress progress, Optional<ExecutionInfo> execution) {

  /** Time since the run started, up to its end when it has ended. */
  public Duration elapsed(Instant now) {
    Instant start = execution.map(ExecutionInfo::startedAt).orElseGet(() -> parse(progress.startedAt()).orElse(now));
    Instant end = execution.flatMap(ExecutionInfo::stoppedAt).orElse(now);
    return Duration.between(start, end).isNegative() ? Duration.ZERO : Duration.between(start, end);
  }

  public boolean isTerminal() {
    return execution.map(ExecutionInfo::isTerminal).orElse(Status.parse(progress.status()).map(Status::ended).orElse(true));
  }

  private static Optional<Instant> parse(String iso) {
    try {
      return Optional.of(Instant.parse(iso));
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
