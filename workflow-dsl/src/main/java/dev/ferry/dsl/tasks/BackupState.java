package dev.ferry.dsl.tasks;

import dev.ferry.dsl.ResultValue;

/** A DynamoDB backup's status, as {@code ferry-dynamodb-backup-create} and {@code -status} return it. */
public enum BackupState implements ResultValue {
  CREATING,
  AVAILABLE,
  DELETED;

  @Override
  public String wire() {
    return name();
  }
}
