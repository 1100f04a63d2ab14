package dev.ferry.contract;

import java.util.Arrays;
import java.util.Optional;

/** A target's progress {@link ProgressItem#STATUS}. */
public enum Status {
  /** A run holds the lock and is working through its steps. */
  RUNNING,
  /** The last run succeeded and released the lock. */
  SUCCEEDED,
  /** A step failed; the run is compensating the completed steps. */
  ROLLING_BACK,
  /** The completed steps were compensated and the lock released. */
  ROLLED_BACK,
  /** A compensation failed: the lock is kept until an operator clears it with {@code ferry unlock --reason}. */
  ROLLBACK_FAILED;

  /** Whether a run in this status has ended (it may still hold the lock: {@link #ROLLBACK_FAILED}). */
  public boolean ended() {
    return this != RUNNING && this != ROLLING_BACK;
  }

  /** Whether a run that ended in this status releases the lock. */
  public boolean releasesLock() {
    return this == SUCCEEDED || this == ROLLED_BACK;
  }

  /** The status an item's text names; empty for anything else (an older or foreign item). */
  public static Optional<Status> parse(String text) {
    return Arrays.stream(values()).filter(s -> s.name().equals(text)).findFirst();
  }
}
