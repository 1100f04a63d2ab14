package dev.ferry.tasks.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import Ferry.DatabaseNotFound;
import Ferry.RestoreFailed;
import Ferry.SnapshotNotFound;
import dev.ferry.tasks.snapshot.CreateSnapshotHandler;
import dev.ferry.tasks.snapshot.Identifiers;
import dev.ferry.tasks.snapshot.RestoreSnapshotHandler;
import dev.ferry.tasks.snapshot.SnapshotStatusHandler;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.CreateDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.CreateDbSnapshotRequest;
import software.amazon.awssdk.services.rds.model.ModifyDbClusterRequest;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.RestoreDbClusterFromSnapshotRequest;
import software.amazon.awssdk.services.rds.model.RestoreDbInstanceFromDbSnapshotRequest;

/** The RDS adapter through the real SDK client against a stub RDS on 127.0.0.1. */
class RdsDatabaseSnapshotsTest {

  private final FakeRds fake = new FakeRds();
  private final AwsStub stub = new AwsStub(fake::handle);
  private final RdsClient rds = stub.client(RdsClient.builder());
  private final RdsDatabaseSnapshots snapshots = new RdsDatabaseSnapshots(rds);

  @AfterEach
  void close() {
    rds.close();
    stub.close();
  }

  @Test
  void createUsesTheExecutionsSnapshotIdAndReusesAnExistingOne() {
    fake.instance("orders-db", "available");
    var handler = new CreateSnapshotHandler(snapshots);

    var first = handler.handleRequest(new CreateSnapshotHandler.Input("orders-db", null, "run-42"), null);
    var second = handler.handleRequest(new CreateSnapshotHandler.Input("orders-db", null, "run-42"), null);

    assertThat(first.snapshotId()).isEqualTo(Identifiers.snapshotId("orders-db", "run-42")).startsWith("ferry-orders-db-run-42-");
    assertThat(first.status()).isEqualTo("creating");
    assertThat(second.snapshotId()).isEqualTo(first.snapshotId());
    assertThat(stub.sent(CreateDbSnapshotRequest.class)).as("one snapshot, not two")
        .singleElement().satisfies(r -> {
          assertThat(r.dbInstanceIdentifier()).isEqualTo("orders-db");
          assertThat(r.dbSnapshotIdentifier()).isEqualTo(first.snapshotId());
        });
    assertThat(new SnapshotStatusHandler(snapshots)
        .handleRequest(new SnapshotStatusHandler.Input(first.snapshotId(), false), null).status()).isEqualTo("available");
  }

  @Test
  void serviceErrorsBecomeFerryErrors() {
    assertThatThrownBy(() -> new CreateSnapshotHandler(snapshots)
        .handleRequest(new CreateSnapshotHandler.Input("ghost-db", null, "run-1"), null))
        .isInstanceOf(DatabaseNotFound.class).hasMessageContaining("ghost-db");
    assertThatThrownBy(() -> new CreateSnapshotHandler(snapshots)
        .handleRequest(new CreateSnapshotHandler.Input(null, "ghost-cluster", "run-1"), null))
        .isInstanceOf(DatabaseNotFound.class).hasMessageContaining("DB cluster ghost-cluster");
    assertThatThrownBy(() -> new SnapshotStatusHandler(snapshots)
        .handleRequest(new SnapshotStatusHandler.Input("ferry-missing", true), null))
        .isInstanceOf(SnapshotNotFound.class).hasMessageContaining("cluster snapshot ferry-missing");
  }

  @Test
  void restoreCarriesOverTheOriginalsSettingsAndSwapsItIntoPlaceOnePhasePerCall() {
    FakeRds.Db original = fake.instance("orders-db", "available");
    original.instanceClass = "db.m7g.xlarge";
    original.subnetGroup = "private-subnets";
    original.securityGroups.addAll(List.of("sg-app", "sg-admin"));
    original.parameterGroup = "pg15-ferry";
    fake.snapshots.put("snap-1", "available");
    var handler = new RestoreSnapshotHandler(snapshots);
    var input = new RestoreSnapshotHandler.Input("snap-1", "orders-db", null, "run-9");

    List<String> phases = new ArrayList<>();
    for (int call = 0; call < 12; call++) {
      var out = handler.handleRequest(input, null);
      phases.add(out.phase());
      if (out.done()) {
        break;
      }
    }

    String restored = Identifiers.restoredName("orders-db", "run-9");
    String aside = Identifiers.asideName("orders-db", "run-9");
    assertThat(phases).last().isEqualTo("restored");
    assertThat(phases).contains("restoring", "renaming-original", "renaming-restored");
    assertThat(stub.sent(RestoreDbInstanceFromDbSnapshotRequest.class)).singleElement().satisfies(r -> {
      assertThat(r.dbInstanceIdentifier()).isEqualTo(restored);
      assertThat(r.dbSnapshotIdentifier()).isEqualTo("snap-1");
      assertThat(r.vpcSecurityGroupIds()).containsExactly("sg-app", "sg-admin");
      assertThat(r.dbSubnetGroupName()).isEqualTo("private-subnets");
      assertThat(r.dbParameterGroupName()).isEqualTo("pg15-ferry");
      assertThat(r.dbInstanceClass()).isEqualTo("db.m7g.xlarge");
    });
    assertThat(stub.sent(ModifyDbInstanceRequest.class)).extracting(
            ModifyDbInstanceRequest::dbInstanceIdentifier, ModifyDbInstanceRequest::newDBInstanceIdentifier,
            ModifyDbInstanceRequest::applyImmediately)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("orders-db", aside, true),
            org.assertj.core.groups.Tuple.tuple(restored, "orders-db", true));
    assertThat(fake.instances.get("orders-db").securityGroups).containsExactly("sg-app", "sg-admin");
    assertThat(fake.instances).containsKeys("orders-db", aside).doesNotContainKey(restored);

    stub.clear();
    var again = handler.handleRequest(input, null);
    assertThat(again.done()).as("a redriven restore finds the work done").isTrue();
    assertThat(stub.sent(RestoreDbInstanceFromDbSnapshotRequest.class)).isEmpty();
    assertThat(stub.sent(ModifyDbInstanceRequest.class)).isEmpty();
  }

  @Test
  void restoreOfAnUnavailableSnapshotOrAFailedRestoreFails() {
    fake.instance("orders-db", "available");
    fake.snapshots.put("snap-2", "creating");
    var handler = new RestoreSnapshotHandler(snapshots);
    assertThatThrownBy(() -> handler.handleRequest(new RestoreSnapshotHandler.Input("snap-2", "orders-db", null, "r"), null))
        .isInstanceOf(RestoreFailed.class).hasMessageContaining("creating");
    fake.instance(Identifiers.restoredName("orders-db", "r"), "failed");
    assertThatThrownBy(() -> handler.handleRequest(new RestoreSnapshotHandler.Input("snap-2", "orders-db", null, "r"), null))
        .isInstanceOf(RestoreFailed.class).hasMessageContaining("is failed");
  }

  @Test
  void auroraRestoreRestoresTheClusterCreatesItsInstanceAndSwapsClusters() {
    FakeRds.Db cluster = fake.cluster("pipeline", "available");
    cluster.subnetGroup = "db-subnets";
    cluster.parameterGroup = "aurora-pg15";
    cluster.securityGroups.add("sg-db");
    FakeRds.Db writer = fake.instance("pipeline-1", "available");
    writer.instanceClass = "db.r7g.large";
    cluster.members.add("pipeline-1");
    fake.clusterSnapshots.put("csnap", "available");
    var handler = new RestoreSnapshotHandler(snapshots);
    var input = new RestoreSnapshotHandler.Input("csnap", null, "pipeline", "run-a");

    boolean done = false;
    for (int call = 0; call < 15 && !done; call++) {
      done = handler.handleRequest(input, null).done();
    }

    String restored = Identifiers.restoredName("pipeline", "run-a");
    assertThat(done).isTrue();
    assertThat(stub.sent(RestoreDbClusterFromSnapshotRequest.class)).singleElement().satisfies(r -> {
      assertThat(r.dbClusterIdentifier()).isEqualTo(restored);
      assertThat(r.vpcSecurityGroupIds()).containsExactly("sg-db");
      assertThat(r.dbSubnetGroupName()).isEqualTo("db-subnets");
      assertThat(r.dbClusterParameterGroupName()).isEqualTo("aurora-pg15");
      assertThat(r.engine()).isEqualTo("aurora-postgresql");
    });
    assertThat(stub.sent(CreateDbInstanceRequest.class)).singleElement().satisfies(r -> {
      assertThat(r.dbClusterIdentifier()).isEqualTo(restored);
      assertThat(r.dbInstanceClass()).isEqualTo("db.r7g.large");
    });
    assertThat(stub.sent(ModifyDbClusterRequest.class)).extracting(ModifyDbClusterRequest::newDBClusterIdentifier)
        .containsExactly(Identifiers.asideName("pipeline", "run-a"), "pipeline");
  }
}
