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
import dev.ferry.testing.aws.Moto;
import dev.ferry.testing.aws.MotoServer;
import dev.ferry.testing.aws.RecordedRequests;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.CreateDbSnapshotRequest;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.RestoreDbInstanceFromDbSnapshotRequest;
import software.amazon.awssdk.services.rds.model.VpcSecurityGroupMembership;

/** The RDS adapter through the real SDK client against moto's RDS. */
@ExtendWith(Moto.class)
class RdsDatabaseSnapshotsTest {

  private final RecordedRequests recorded = new RecordedRequests();
  private RdsClient rds;
  private Ec2Client ec2;
  private RdsDatabaseSnapshots snapshots;
  private String securityGroup;

  @BeforeEach
  void connect(MotoServer moto) {
    rds = moto.client(RdsClient.builder(), recorded);
    ec2 = moto.client(Ec2Client.builder());
    snapshots = new RdsDatabaseSnapshots(rds);
    String vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
    String a = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.1.0/24").availabilityZone("us-east-1a")).subnet().subnetId();
    String b = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.2.0/24").availabilityZone("us-east-1b")).subnet().subnetId();
    securityGroup = ec2.createSecurityGroup(r -> r.groupName("app").description("app").vpcId(vpc)).groupId();
    rds.createDBSubnetGroup(r -> r.dbSubnetGroupName("private-subnets").dbSubnetGroupDescription("private").subnetIds(a, b));
  }

  @AfterEach
  void close() {
    rds.close();
    ec2.close();
  }

  private void instance(String id, String instanceClass) {
    rds.createDBParameterGroup(r -> r.dbParameterGroupName("pg15-ferry").dbParameterGroupFamily("postgres15").description("ferry"));
    rds.createDBInstance(r -> r.dbInstanceIdentifier(id).dbInstanceClass(instanceClass).engine("postgres")
        .masterUsername("admin").masterUserPassword("password1").allocatedStorage(20)
        .dbSubnetGroupName("private-subnets").vpcSecurityGroupIds(securityGroup).dbParameterGroupName("pg15-ferry"));
  }

  private DBInstance describe(String id) {
    return rds.describeDBInstances(r -> r.dbInstanceIdentifier(id)).dbInstances().getFirst();
  }

  @Test
  void createUsesTheExecutionsSnapshotIdAndReusesAnExistingOne() {
    instance("orders-db", "db.t3.micro");
    var handler = new CreateSnapshotHandler(snapshots);

    var first = handler.handleRequest(new CreateSnapshotHandler.Input("orders-db", null, "run-42"), null);
    var second = handler.handleRequest(new CreateSnapshotHandler.Input("orders-db", null, "run-42"), null);

    assertThat(first.snapshotId()).isEqualTo(Identifiers.snapshotId("orders-db", "run-42")).startsWith("ferry-orders-db-run-42-");
    assertThat(second.snapshotId()).isEqualTo(first.snapshotId());
    assertThat(recorded.sent(CreateDbSnapshotRequest.class)).as("one snapshot, not two")
        .singleElement().satisfies(r -> {
          assertThat(r.dbInstanceIdentifier()).isEqualTo("orders-db");
          assertThat(r.dbSnapshotIdentifier()).isEqualTo(first.snapshotId());
        });
    assertThat(rds.describeDBSnapshots(r -> r.dbInstanceIdentifier("orders-db").snapshotType("manual")).dbSnapshots())
        .extracting(s -> s.dbSnapshotIdentifier()).containsExactly(first.snapshotId());
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
    assertThatThrownBy(() -> new SnapshotStatusHandler(snapshots)
        .handleRequest(new SnapshotStatusHandler.Input("ferry-missing", false), null))
        .isInstanceOf(SnapshotNotFound.class).hasMessageContaining("DB snapshot ferry-missing");
  }

  @Test
  void restoreCarriesOverTheOriginalsSettingsAndSwapsItIntoPlaceOnePhasePerCall() {
    instance("orders-db", "db.m7g.xlarge");
    rds.createDBSnapshot(r -> r.dbInstanceIdentifier("orders-db").dbSnapshotIdentifier("snap-1"));
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
    assertThat(recorded.sent(RestoreDbInstanceFromDbSnapshotRequest.class)).singleElement().satisfies(r -> {
      assertThat(r.dbInstanceIdentifier()).isEqualTo(restored);
      assertThat(r.dbSnapshotIdentifier()).isEqualTo("snap-1");
    });
    assertThat(recorded.sent(ModifyDbInstanceRequest.class)).extracting(
            ModifyDbInstanceRequest::dbInstanceIdentifier, ModifyDbInstanceRequest::newDBInstanceIdentifier)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("orders-db", aside),
            org.assertj.core.groups.Tuple.tuple(restored, "orders-db"));
    DBInstance now = describe("orders-db");
    assertThat(now.dbInstanceClass()).isEqualTo("db.m7g.xlarge");
    assertThat(now.dbSubnetGroup().dbSubnetGroupName()).isEqualTo("private-subnets");
    assertThat(now.vpcSecurityGroups()).extracting(VpcSecurityGroupMembership::vpcSecurityGroupId).containsExactly(securityGroup);
    assertThat(now.dbParameterGroups()).extracting(p -> p.dbParameterGroupName()).containsExactly("pg15-ferry");
    assertThat(rds.describeDBInstances().dbInstances()).extracting(DBInstance::dbInstanceIdentifier)
        .containsExactlyInAnyOrder("orders-db", aside);

    recorded.clear();
    var again = handler.handleRequest(input, null);
    assertThat(again.done()).as("a redriven restore finds the work done").isTrue();
    assertThat(recorded.sent(RestoreDbInstanceFromDbSnapshotRequest.class)).isEmpty();
    assertThat(recorded.sent(ModifyDbInstanceRequest.class)).isEmpty();
  }

  @Test
  void restoreOfAMissingSnapshotOrWithBothInstancesGoneFails() {
    instance("orders-db", "db.t3.micro");
    var handler = new RestoreSnapshotHandler(snapshots);
    assertThatThrownBy(() -> handler.handleRequest(new RestoreSnapshotHandler.Input("snap-2", "orders-db", null, "r"), null))
        .isInstanceOf(SnapshotNotFound.class).hasMessageContaining("snap-2");
    rds.createDBSnapshot(r -> r.dbInstanceIdentifier("orders-db").dbSnapshotIdentifier("snap-2"));
    rds.deleteDBInstance(r -> r.dbInstanceIdentifier("orders-db").skipFinalSnapshot(true));
    assertThatThrownBy(() -> handler.handleRequest(new RestoreSnapshotHandler.Input("snap-2", "orders-db", null, "r"), null))
        .isInstanceOf(RestoreFailed.class).hasMessageContaining("both missing");
  }

  @Test
  void auroraRestoreRestoresTheClusterCreatesItsInstanceAndSwapsClusters() {
    rds.createDBClusterParameterGroup(r -> r.dbClusterParameterGroupName("aurora-pg15")
        .dbParameterGroupFamily("aurora-postgresql15").description("ferry"));
    rds.createDBCluster(r -> r.dbClusterIdentifier("pipeline").engine("aurora-postgresql").engineVersion("15.4")
        .masterUsername("admin").masterUserPassword("password1").dbSubnetGroupName("private-subnets")
        .vpcSecurityGroupIds(securityGroup).dbClusterParameterGroupName("aurora-pg15"));
    rds.createDBInstance(r -> r.dbInstanceIdentifier("pipeline-1").dbClusterIdentifier("pipeline")
        .engine("aurora-postgresql").dbInstanceClass("db.r7g.large"));
    var snapshot = new CreateSnapshotHandler(snapshots)
        .handleRequest(new CreateSnapshotHandler.Input(null, "pipeline", "run-a"), null);
    assertThat(new SnapshotStatusHandler(snapshots)
        .handleRequest(new SnapshotStatusHandler.Input(snapshot.snapshotId(), true), null).status()).isEqualTo("available");
    var handler = new RestoreSnapshotHandler(snapshots);
    var input = new RestoreSnapshotHandler.Input(snapshot.snapshotId(), null, "pipeline", "run-a");

    boolean done = false;
    for (int call = 0; call < 15 && !done; call++) {
      done = handler.handleRequest(input, null).done();
    }

    String restored = Identifiers.restoredName("pipeline", "run-a");
    assertThat(done).isTrue();
    DBCluster now = rds.describeDBClusters(r -> r.dbClusterIdentifier("pipeline")).dbClusters().getFirst();
    assertThat(now.dbSubnetGroup()).isEqualTo("private-subnets");
    assertThat(now.dbClusterParameterGroup()).isEqualTo("aurora-pg15");
    assertThat(now.vpcSecurityGroups()).extracting(VpcSecurityGroupMembership::vpcSecurityGroupId).containsExactly(securityGroup);
    assertThat(now.engine()).isEqualTo("aurora-postgresql");
    assertThat(describe(restored + "-1").dbInstanceClass()).isEqualTo("db.r7g.large");
    assertThat(rds.describeDBClusters().dbClusters()).extracting(DBCluster::dbClusterIdentifier)
        .containsExactlyInAnyOrder("pipeline", Identifiers.asideName("pipeline", "run-a"));
  }
}
