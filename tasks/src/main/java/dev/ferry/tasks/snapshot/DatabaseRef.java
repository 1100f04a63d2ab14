package dev.ferry.tasks.snapshot;

import dev.ferry.tasks.Fields;

/** The database a snapshot is taken of: an RDS instance or an Aurora cluster. */
public sealed interface DatabaseRef {

  String id();

  record Instance(String id) implements DatabaseRef {}

  record Cluster(String id) implements DatabaseRef {}

  /** Reads the payload's {@code dbInstanceIdentifier} / {@code dbClusterIdentifier} pair. */
  static DatabaseRef of(String dbInstanceIdentifier, String dbClusterIdentifier) {
    Fields.exactlyOne(dbInstanceIdentifier, "dbInstanceIdentifier", dbClusterIdentifier, "dbClusterIdentifier");
    return dbInstanceIdentifier != null && !dbInstanceIdentifier.isBlank()
        ? new Instance(dbInstanceIdentifier)
        : new Cluster(dbClusterIdentifier);
  }
}
