package dev.ferry.contract;

import java.util.Arrays;
import java.util.Optional;

/** An audit row's {@link AuditItem#PHASE}. */
public enum Phase {
  STARTED,
  SUCCEEDED,
  FAILED,
  COMPENSATING,
  COMPENSATED,
  COMPENSATION_FAILED,
  /** An operator cleared a kept lock ({@code ferry unlock}). */
  UNLOCKED;

  /** The phase an item's text names; empty for anything else. */
  public static Optional<Phase> parse(String text) {
    return Arrays.stream(values()).filter(p -> p.name().equals(text)).findFirst();
  }
}
