package dev.ferry.dsl.validate;

import dev.ferry.dsl.Poll;
import java.time.Duration;

/**
 * Execution-history events of a polling loop in the worst case, with the per-state counts of the
 * contract: a task 5 (entered, scheduled, started, succeeded, exited), a Choice, Wait or Pass 2.
 * Each call is a task and a Choice; each wait is a Pass (next interval) and a Wait.
 */
public final class HistoryBudget {
  /** Step Functions' limit on events in one execution's history. */
  public static final int LIMIT = 25_000;

  public static final int TASK_EVENTS = 5;
  public static final int CHOICE_EVENTS = 2;
  public static final int WAIT_EVENTS = 2;
  public static final int PASS_EVENTS = 2;

  private static final int PER_CALL = TASK_EVENTS + CHOICE_EVENTS;
  private static final int PER_WAIT = PASS_EVENTS + WAIT_EVENTS;

  private HistoryBudget() {}

  /** Worst-case events of the loop: every call fails the condition until the timeout. */
  public static long worstCaseEvents(Poll poll) {
    long waits = poll.waits().size();
    return (waits + 1) * PER_CALL + waits * PER_WAIT;
  }

  /** The shortest fixed interval that keeps a loop of {@code timeout} within the limit. */
  public static Duration shortestFittingInterval(Duration timeout) {
    long maxWaits = (LIMIT - PER_CALL) / (PER_CALL + PER_WAIT);
    return Duration.ofSeconds((timeout.toSeconds() + maxWaits - 1) / maxWaits);
  }
}
