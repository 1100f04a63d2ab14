package dev.ferry.dsl.tasks;

import dev.ferry.dsl.ResultValue;
import java.util.Locale;

/** An RDS snapshot's status, as {@code ferry-db-snapshot-create} and {@code -status} return it. */
public enum SnapshotState implements ResultValue {
  CREATING,
  AVAILABLE,
  COPYING,
  DELETING,
  FAILED;

  @Override
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
