package dev.ferry.tasks.aws;

import Ferry.DatabaseNotFound;
import Ferry.RestoreFailed;
import Ferry.SnapshotNotFound;
import dev.ferry.tasks.snapshot.DatabaseRef;
import dev.ferry.tasks.snapshot.DatabaseSnapshots;
import dev.ferry.tasks.snapshot.Identifiers;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbClusterAlreadyExistsException;
import software.amazon.awssdk.services.rds.model.DbClusterNotFoundException;
import software.amazon.awssdk.services.rds.model.DbClusterSnapshotAlreadyExistsException;
import software.amazon.awssdk.services.rds.model.DbClusterSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.DbInstanceAlreadyExistsException;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.DbSnapshotAlreadyExistsException;
import software.amazon.awssdk.services.rds.model.DbSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.VpcSecurityGroupMembership;

/**
 * RDS snapshots and restores.
 *
 * <p>A restore cannot write into a running instance, and a plain restore would come up with the
 * default security group and parameter group. So it restores to a new instance (or cluster) carrying
 * the original's VPC security groups, subnet group, parameter group and instance class, renames the
 * original aside and renames the restored one into the original's identifier, which keeps the
 * endpoint the service uses. Each call looks at which of the three identifiers exist and in what
 * state, does the next step if nothing is in progress, and returns; so a repeated or redriven call
 * never repeats a step that already happened.
 */
public final class RdsDatabaseSnapshots implements DatabaseSnapshots {

  private static final Set<String> FAILED = Set.of("failed", "incompatible-restore", "incompatible-parameters",
      "incompatible-network", "inaccessible-encryption-credentials", "storage-full");

  private final RdsClient rds;

  public RdsDatabaseSnapshots(RdsClient rds) {
    this.rds = rds;
  }

  @Override
  public Snapshot create(DatabaseRef database, String snapshotId) {
    Optional<Snapshot> existing = find(snapshotId, database instanceof DatabaseRef.Cluster);
    if (existing.isPresent()) {
      return existing.get();
    }
    try {
      return switch (database) {
        case DatabaseRef.Instance instance -> new Snapshot(snapshotId, rds.createDBSnapshot(r -> r
            .dbInstanceIdentifier(instance.id()).dbSnapshotIdentifier(snapshotId)).dbSnapshot().status());
        case DatabaseRef.Cluster cluster -> new Snapshot(snapshotId, rds.createDBClusterSnapshot(r -> r
            .dbClusterIdentifier(cluster.id()).dbClusterSnapshotIdentifier(snapshotId)).dbClusterSnapshot().status());
      };
    } catch (DbInstanceNotFoundException | DbClusterNotFoundException e) {
      throw new DatabaseNotFound(kind(database) + " " + database.id() + " does not exist: "
          + e.awsErrorDetails().errorMessage(), e);
    } catch (DbSnapshotAlreadyExistsException | DbClusterSnapshotAlreadyExistsException e) {
      // A concurrent call created it between the lookup and the create.
      return describe(snapshotId, database instanceof DatabaseRef.Cluster);
    }
  }

  @Override
  public Snapshot describe(String snapshotId, boolean cluster) {
    return find(snapshotId, cluster).orElseThrow(() -> new SnapshotNotFound(
        (cluster ? "DB cluster snapshot " : "DB snapshot ") + snapshotId + " does not exist"));
  }

  private Optional<Snapshot> find(String snapshotId, boolean cluster) {
    try {
      if (cluster) {
        return rds.describeDBClusterSnapshots(r -> r.dbClusterSnapshotIdentifier(snapshotId)).dbClusterSnapshots()
            .stream().findFirst().map(s -> new Snapshot(snapshotId, s.status()));
      }
      return rds.describeDBSnapshots(r -> r.dbSnapshotIdentifier(snapshotId)).dbSnapshots()
          .stream().findFirst().map(s -> new Snapshot(snapshotId, s.status()));
    } catch (DbSnapshotNotFoundException | DbClusterSnapshotNotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public RestoreProgress restore(String snapshotId, DatabaseRef database, String executionName) {
    String snapshotStatus = describe(snapshotId, database instanceof DatabaseRef.Cluster).status();
    if (!snapshotStatus.equals("available")) {
      throw new RestoreFailed("snapshot " + snapshotId + " is " + snapshotStatus + ", not available; wait for it first");
    }
    String aside = Identifiers.asideName(database.id(), executionName);
    String restored = Identifiers.restoredName(database.id(), executionName);
    return switch (database) {
      case DatabaseRef.Instance instance -> restoreInstance(snapshotId, instance.id(), aside, restored);
      case DatabaseRef.Cluster cluster -> restoreCluster(snapshotId, cluster.id(), aside, restored);
    };
  }

  private RestoreProgress restoreInstance(String snapshotId, String target, String aside, String restored) {
    Optional<DBInstance> original = instance(target);
    Optional<DBInstance> asideNow = instance(aside);
    Optional<DBInstance> restoredNow = instance(restored);
    for (Optional<DBInstance> i : List.of(original, asideNow, restoredNow)) {
      if (i.isPresent() && FAILED.contains(i.get().dbInstanceStatus())) {
        throw new RestoreFailed("DB instance " + i.get().dbInstanceIdentifier() + " is " + i.get().dbInstanceStatus()
            + "; restoring " + snapshotId + " into " + target + " cannot continue, see the RDS console");
      }
    }
    if (original.isPresent() && asideNow.isPresent() && restoredNow.isEmpty()) {
      return available(original.get()) ? new RestoreProgress(true, "restored") : waiting("renaming-restored");
    }
    if (restoredNow.isEmpty()) {
      if (asideNow.isPresent() || original.isEmpty()) {
        throw new RestoreFailed("DB instance " + target + " and its restore " + restored + " are both missing (aside: "
            + asideNow.map(DBInstance::dbInstanceIdentifier).orElse("none") + "); rename one back by hand");
      }
      DBInstance source = original.get();
      try {
        rds.restoreDBInstanceFromDBSnapshot(r -> r
            .dbInstanceIdentifier(restored)
            .dbSnapshotIdentifier(snapshotId)
            .dbInstanceClass(source.dbInstanceClass())
            .dbSubnetGroupName(source.dbSubnetGroup() == null ? null : source.dbSubnetGroup().dbSubnetGroupName())
            .vpcSecurityGroupIds(source.vpcSecurityGroups().stream().map(VpcSecurityGroupMembership::vpcSecurityGroupId).toList())
            .dbParameterGroupName(source.dbParameterGroups().isEmpty() ? null
                : source.dbParameterGroups().getFirst().dbParameterGroupName())
            .multiAZ(source.multiAZ())
            .publiclyAccessible(source.publiclyAccessible()));
      } catch (DbInstanceAlreadyExistsException e) {
        // An earlier call's restore request went through; carry on waiting for it.
      }
      return waiting("restoring");
    }
    if (!available(restoredNow.get())) {
      return waiting("restoring");
    }
    if (asideNow.isEmpty()) {
      if (original.isEmpty() || !available(original.get())) {
        return waiting("renaming-original");
      }
      rds.modifyDBInstance(r -> r.dbInstanceIdentifier(target).newDBInstanceIdentifier(aside).applyImmediately(true));
      return waiting("renaming-original");
    }
    if (original.isPresent()) {
      return waiting("renaming-original");
    }
    rds.modifyDBInstance(r -> r.dbInstanceIdentifier(restored).newDBInstanceIdentifier(target).applyImmediately(true));
    return waiting("renaming-restored");
  }

  private RestoreProgress restoreCluster(String snapshotId, String target, String aside, String restored) {
    Optional<DBCluster> original = cluster(target);
    Optional<DBCluster> asideNow = cluster(aside);
    Optional<DBCluster> restoredNow = cluster(restored);
    for (Optional<DBCluster> c : List.of(original, asideNow, restoredNow)) {
      if (c.isPresent() && FAILED.contains(c.get().status())) {
        throw new RestoreFailed("DB cluster " + c.get().dbClusterIdentifier() + " is " + c.get().status()
            + "; restoring " + snapshotId + " into " + target + " cannot continue, see the RDS console");
      }
    }
    if (original.isPresent() && asideNow.isPresent() && restoredNow.isEmpty()) {
      return available(original.get()) ? new RestoreProgress(true, "restored") : waiting("renaming-restored");
    }
    DBCluster source = original.or(() -> asideNow).orElseThrow(() -> new RestoreFailed(
        "DB cluster " + target + " and its renamed-aside copy " + aside + " are both missing; nothing to take settings from"));
    if (restoredNow.isEmpty()) {
      if (asideNow.isPresent()) {
        throw new RestoreFailed("DB cluster " + target + " was renamed aside to " + aside + " but its restore "
            + restored + " is missing; rename " + aside + " back by hand");
      }
      try {
        rds.restoreDBClusterFromSnapshot(r -> r
            .dbClusterIdentifier(restored)
            .snapshotIdentifier(snapshotId)
            .engine(source.engine())
            .engineVersion(source.engineVersion())
            .dbSubnetGroupName(source.dbSubnetGroup())
            .vpcSecurityGroupIds(source.vpcSecurityGroups().stream().map(VpcSecurityGroupMembership::vpcSecurityGroupId).toList())
            .dbClusterParameterGroupName(source.dbClusterParameterGroup()));
      } catch (DbClusterAlreadyExistsException e) {
        // An earlier call's restore request went through; carry on waiting for it.
      }
      return waiting("restoring");
    }
    String restoredInstance = restored + "-1";
    if (instance(restoredInstance).isEmpty()) {
      String instanceClass = source.dbClusterMembers().stream().findFirst()
          .flatMap(m -> instance(m.dbInstanceIdentifier())).map(DBInstance::dbInstanceClass)
          .orElseThrow(() -> new RestoreFailed("DB cluster " + source.dbClusterIdentifier()
              + " has no instance to copy the instance class from"));
      try {
        rds.createDBInstance(r -> r.dbInstanceIdentifier(restoredInstance).dbClusterIdentifier(restored)
            .engine(source.engine()).dbInstanceClass(instanceClass));
      } catch (DbInstanceAlreadyExistsException e) {
        // Created by an earlier call.
      }
      return waiting("creating-instance");
    }
    if (!available(restoredNow.get()) || !instance(restoredInstance).map(this::available).orElse(false)) {
      return waiting("restoring");
    }
    if (asideNow.isEmpty()) {
      if (original.isPresent() && available(original.get())) {
        rds.modifyDBCluster(r -> r.dbClusterIdentifier(target).newDBClusterIdentifier(aside).applyImmediately(true));
      }
      return waiting("renaming-original");
    }
    if (original.isPresent()) {
      return waiting("renaming-original");
    }
    rds.modifyDBCluster(r -> r.dbClusterIdentifier(restored).newDBClusterIdentifier(target).applyImmediately(true));
    return waiting("renaming-restored");
  }

  private static RestoreProgress waiting(String phase) {
    return new RestoreProgress(false, phase);
  }

  private boolean available(DBInstance instance) {
    return "available".equals(instance.dbInstanceStatus());
  }

  private boolean available(DBCluster cluster) {
    return "available".equals(cluster.status());
  }

  private Optional<DBInstance> instance(String id) {
    try {
      return rds.describeDBInstances(r -> r.dbInstanceIdentifier(id)).dbInstances().stream().findFirst();
    } catch (DbInstanceNotFoundException e) {
      return Optional.empty();
    }
  }

  private Optional<DBCluster> cluster(String id) {
    try {
      return rds.describeDBClusters(r -> r.dbClusterIdentifier(id)).dbClusters().stream().findFirst();
    } catch (DbClusterNotFoundException e) {
      return Optional.empty();
    }
  }

  private static String kind(DatabaseRef database) {
    return switch (database) {
      case DatabaseRef.Instance i -> "DB instance";
      case DatabaseRef.Cluster c -> "DB cluster";
    };
  }
}
