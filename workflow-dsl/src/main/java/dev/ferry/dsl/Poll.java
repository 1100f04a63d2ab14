package dev.ferry.dsl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An action repeated until a condition holds on its result: the first call right away, then one
 * call after each wait. Gives up with {@code Ferry.Timeout} once the waits would exceed {@code
 * timeout}.
 */
public record Poll(
    Action action, Condition until, Duration every, Duration timeout, Optional<Backoff> backoff) {

  public Poll {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(every, "every");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(backoff, "backoff");
    if (every.toSeconds() < 1) {
      throw new IllegalArgumentException("Poll interval must be at least 1 second");
    }
    if (timeout.compareTo(every) < 0) {
      throw new IllegalArgumentException("Poll timeout " + timeout + " is shorter than its interval " + every);
    }
    if (backoff.isPresent() && backoff.get().maxInterval().compareTo(every) < 0) {
      throw new IllegalArgumentException("Backoff maxInterval " + backoff.get().maxInterval() + " is shorter than the poll interval " + every);
    }
    if (action instanceof Action.ParallelGroup || action instanceof Action.ApprovalRequest) {
      throw new IllegalArgumentException("Poll a Lambda, AWS SDK or DynamoDB call, not " + action.getClass().getSimpleName());
    }
  }

  /**
   * A poll of {@code call}, by default every minute for an hour; give its end condition with {@link
   * #until} (until then: until the result's {@code done} is true).
   */
  public static Poll with(Call call) {
    return new Poll(call.action(), new Condition.IsTrue("done"), Duration.ofMinutes(1), Duration.ofHours(1), Optional.empty());
  }

  public Poll until(Condition condition) {
    return new Poll(action, condition, every, timeout, backoff);
  }

  public Poll every(Duration interval) {
    return new Poll(action, until, interval, timeout, backoff);
  }

  public Poll timeout(Duration limit) {
    return new Poll(action, until, every, limit, backoff);
  }

  public Poll backoff(Backoff growth) {
    return new Poll(action, until, every, timeout, Optional.of(growth));
  }

  /** The waits, in seconds, between calls in the worst case (the condition never holds). */
  public List<Long> waits() {
    List<Long> waits = new ArrayList<>();
    long total = 0;
    long next = every.toSeconds();
    long cap = backoff.map(b -> b.maxInterval().toSeconds()).orElse(Long.MAX_VALUE);
    while (true) {
      long wait = Math.min(next, cap);
      if (total + wait > timeout.toSeconds()) {
        return waits;
      }
      waits.add(wait);
      total += wait;
      if (backoff.isPresent() && next < cap) {
        next = next * 2;
      }
    }
  }

  /** The number of calls in the worst case: the first, plus one after each wait. */
  public int maxAttempts() {
    return waits().size() + 1;
  }
}
