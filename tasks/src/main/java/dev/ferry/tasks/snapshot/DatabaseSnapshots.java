package dev.ferry.tasks.snapshot;

/** Port: snapshots of a database and their restore. Every call is safe to repeat. */
public interface DatabaseSnapshots {

  /**
   * Starts a snapshot named {@code snapshotId}, or returns the existing one of that name.
   *
   * @throws Ferry.DatabaseNotFound if the database does not exist
   */
  Snapshot create(DatabaseRef database, String snapshotId);

  /** @throws Ferry.SnapshotNotFound if there is no such snapshot */
  Snapshot describe(String snapshotId, boolean cluster);

  /**
   * Advances the restore of {@code snapshotId} into {@code database}'s place by one phase, working
   * out from what exists where the previous call got to.
   *
   * @throws Ferry.SnapshotNotFound if there is no such snapshot
   * @throws Ferry.RestoreFailed if a database in the restore reached a state it cannot finish from
   */
  RestoreProgress restore(String snapshotId, DatabaseRef database, String executionName);

  record Snapshot(String snapshotId, String status) {}

  record RestoreProgress(boolean done, String phase) {}
}
