package dev.ferry.dsl;

import java.time.Duration;
import java.util.Objects;

/**
 * Poll interval growth: the interval doubles after every unsuccessful poll until it reaches
 * {@code maxInterval}. Doubling is what JSONPath ASL can compute ({@code States.MathAdd(x, x)}).
 */
public record Backoff(Duration maxInterval) {
  public Backoff {
    Objects.requireNonNull(maxInterval, "maxInterval");
    if (maxInterval.toSeconds() < 1) {
      throw new IllegalArgumentException("Backoff maxInterval must be at least 1 second");
    }
  }

  public static Backoff doublingUpTo(Duration maxInterval) {
    return new Backoff(maxInterval);
  }
}
