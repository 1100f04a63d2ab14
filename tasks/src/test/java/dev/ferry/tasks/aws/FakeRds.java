package dev.ferry.tasks.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small RDS over the query protocol for {@link AwsStub}: instances, clusters and snapshots with
 * statuses that move on by one step each time they are described, as a slow real restore would.
 */
final class FakeRds {

  static final class Db {
    String id;
    String status;
    String instanceClass = "db.r6g.large";
    String subnetGroup;
    List<String> securityGroups = new ArrayList<>();
    String parameterGroup;
    String clusterId;
    final List<String> members = new ArrayList<>();
  }

  final Map<String, Db> instances = new LinkedHashMap<>();
  final Map<String, Db> clusters = new LinkedHashMap<>();
  final Map<String, String> snapshots = new LinkedHashMap<>();
  final Map<String, String> clusterSnapshots = new LinkedHashMap<>();

  Db instance(String id, String status) {
    Db db = new Db();
    db.id = id;
    db.status = status;
    instances.put(id, db);
    return db;
  }

  Db cluster(String id, String status) {
    Db db = new Db();
    db.id = id;
    db.status = status;
    clusters.put(id, db);
    return db;
  }

  AwsStub.Reply handle(AwsStub.Request request) {
    Map<String, String> f = request.form();
    String action = f.get("Action");
    return switch (action) {
      case "DescribeDBSnapshots" -> snapshots.containsKey(f.get("DBSnapshotIdentifier"))
          ? ok(action, "<DBSnapshots><DBSnapshot><DBSnapshotIdentifier>" + f.get("DBSnapshotIdentifier")
              + "</DBSnapshotIdentifier><Status>" + advanceSnapshot(snapshots, f.get("DBSnapshotIdentifier"))
              + "</Status></DBSnapshot></DBSnapshots>")
          : error(404, "DBSnapshotNotFound", "DBSnapshot " + f.get("DBSnapshotIdentifier") + " not found.");
      case "CreateDBSnapshot" -> {
        if (!instances.containsKey(f.get("DBInstanceIdentifier"))) {
          yield error(404, "DBInstanceNotFound", "DBInstance " + f.get("DBInstanceIdentifier") + " not found.");
        }
        snapshots.put(f.get("DBSnapshotIdentifier"), "creating");
        yield ok(action, "<DBSnapshot><DBSnapshotIdentifier>" + f.get("DBSnapshotIdentifier")
            + "</DBSnapshotIdentifier><Status>creating</Status></DBSnapshot>");
      }
      case "DescribeDBClusterSnapshots" -> clusterSnapshots.containsKey(f.get("DBClusterSnapshotIdentifier"))
          ? ok(action, "<DBClusterSnapshots><DBClusterSnapshot><DBClusterSnapshotIdentifier>"
              + f.get("DBClusterSnapshotIdentifier") + "</DBClusterSnapshotIdentifier><Status>"
              + advanceSnapshot(clusterSnapshots, f.get("DBClusterSnapshotIdentifier"))
              + "</Status></DBClusterSnapshot></DBClusterSnapshots>")
          : error(404, "DBClusterSnapshotNotFoundFault", "not found");
      case "CreateDBClusterSnapshot" -> {
        if (!clusters.containsKey(f.get("DBClusterIdentifier"))) {
          yield error(404, "DBClusterNotFoundFault", "DBCluster " + f.get("DBClusterIdentifier") + " not found.");
        }
        clusterSnapshots.put(f.get("DBClusterSnapshotIdentifier"), "creating");
        yield ok(action, "<DBClusterSnapshot><Status>creating</Status></DBClusterSnapshot>");
      }
      case "DescribeDBInstances" -> {
        Db db = instances.get(f.get("DBInstanceIdentifier"));
        if (db == null) {
          yield error(404, "DBInstanceNotFound", "DBInstance " + f.get("DBInstanceIdentifier") + " not found.");
        }
        String xml = "<DBInstances>" + instanceXml(db) + "</DBInstances>";
        advance(db);
        yield ok(action, xml);
      }
      case "DescribeDBClusters" -> {
        Db db = clusters.get(f.get("DBClusterIdentifier"));
        if (db == null) {
          yield error(404, "DBClusterNotFoundFault", "DBCluster " + f.get("DBClusterIdentifier") + " not found.");
        }
        String xml = "<DBClusters>" + clusterXml(db) + "</DBClusters>";
        advance(db);
        yield ok(action, xml);
      }
      case "RestoreDBInstanceFromDBSnapshot" -> {
        String id = f.get("DBInstanceIdentifier");
        if (instances.containsKey(id)) {
          yield error(400, "DBInstanceAlreadyExists", "DB instance already exists");
        }
        Db db = instance(id, "creating");
        db.instanceClass = f.get("DBInstanceClass");
        db.subnetGroup = f.get("DBSubnetGroupName");
        db.parameterGroup = f.get("DBParameterGroupName");
        f.forEach((k, v) -> {
          if (k.startsWith("VpcSecurityGroupIds.")) {
            db.securityGroups.add(v);
          }
        });
        yield ok(action, instanceXml(db));
      }
      case "RestoreDBClusterFromSnapshot" -> {
        Db db = cluster(f.get("DBClusterIdentifier"), "creating");
        db.subnetGroup = f.get("DBSubnetGroupName");
        db.parameterGroup = f.get("DBClusterParameterGroupName");
        f.forEach((k, v) -> {
          if (k.startsWith("VpcSecurityGroupIds.")) {
            db.securityGroups.add(v);
          }
        });
        yield ok(action, clusterXml(db));
      }
      case "CreateDBInstance" -> {
        Db db = instance(f.get("DBInstanceIdentifier"), "creating");
        db.instanceClass = f.get("DBInstanceClass");
        db.clusterId = f.get("DBClusterIdentifier");
        clusters.get(db.clusterId).members.add(db.id);
        yield ok(action, instanceXml(db));
      }
      case "ModifyDBInstance" -> {
        Db db = instances.remove(f.get("DBInstanceIdentifier"));
        db.id = f.get("NewDBInstanceIdentifier");
        db.status = "renaming";
        instances.put(db.id, db);
        yield ok(action, instanceXml(db));
      }
      case "ModifyDBCluster" -> {
        Db db = clusters.remove(f.get("DBClusterIdentifier"));
        db.id = f.get("NewDBClusterIdentifier");
        db.status = "renaming";
        clusters.put(db.id, db);
        yield ok(action, clusterXml(db));
      }
      default -> error(400, "InvalidAction", "the fake does not play " + action);
    };
  }

  private static String advanceSnapshot(Map<String, String> snapshots, String id) {
    String status = snapshots.get(id);
    snapshots.put(id, "available");
    return status;
  }

  private static void advance(Db db) {
    if (!db.status.equals("failed")) {
      db.status = "available";
    }
  }

  private static String instanceXml(Db db) {
    StringBuilder sgs = new StringBuilder();
    db.securityGroups.forEach(sg -> sgs.append("<VpcSecurityGroupMembership><VpcSecurityGroupId>").append(sg)
        .append("</VpcSecurityGroupId><Status>active</Status></VpcSecurityGroupMembership>"));
    return "<DBInstance><DBInstanceIdentifier>" + db.id + "</DBInstanceIdentifier><DBInstanceStatus>" + db.status
        + "</DBInstanceStatus><DBInstanceClass>" + db.instanceClass + "</DBInstanceClass><Engine>postgres</Engine>"
        + "<MultiAZ>false</MultiAZ><PubliclyAccessible>false</PubliclyAccessible>"
        + "<VpcSecurityGroups>" + sgs + "</VpcSecurityGroups>"
        + (db.subnetGroup == null ? "" : "<DBSubnetGroup><DBSubnetGroupName>" + db.subnetGroup + "</DBSubnetGroupName></DBSubnetGroup>")
        + (db.parameterGroup == null ? "" : "<DBParameterGroups><DBParameterGroup><DBParameterGroupName>"
            + db.parameterGroup + "</DBParameterGroupName></DBParameterGroup></DBParameterGroups>")
        + "</DBInstance>";
  }

  private static String clusterXml(Db db) {
    StringBuilder sgs = new StringBuilder();
    db.securityGroups.forEach(sg -> sgs.append("<VpcSecurityGroupMembership><VpcSecurityGroupId>").append(sg)
        .append("</VpcSecurityGroupId><Status>active</Status></VpcSecurityGroupMembership>"));
    StringBuilder members = new StringBuilder();
    db.members.forEach(m -> members.append("<DBClusterMember><DBInstanceIdentifier>").append(m)
        .append("</DBInstanceIdentifier></DBClusterMember>"));
    return "<DBCluster><DBClusterIdentifier>" + db.id + "</DBClusterIdentifier><Status>" + db.status
        + "</Status><Engine>aurora-postgresql</Engine><EngineVersion>15.4</EngineVersion>"
        + (db.subnetGroup == null ? "" : "<DBSubnetGroup>" + db.subnetGroup + "</DBSubnetGroup>")
        + (db.parameterGroup == null ? "" : "<DBClusterParameterGroup>" + db.parameterGroup + "</DBClusterParameterGroup>")
        + "<VpcSecurityGroups>" + sgs + "</VpcSecurityGroups><DBClusterMembers>" + members + "</DBClusterMembers></DBCluster>";
  }

  private static AwsStub.Reply ok(String action, String result) {
    return new AwsStub.Reply(200, "text/xml", "<" + action + "Response xmlns=\"http://rds.amazonaws.com/doc/2014-10-31/\"><"
        + action + "Result>" + result + "</" + action + "Result><ResponseMetadata><RequestId>1</RequestId>"
        + "</ResponseMetadata></" + action + "Response>");
  }

  private static AwsStub.Reply error(int status, String code, String message) {
    return new AwsStub.Reply(status, "text/xml", "<ErrorResponse xmlns=\"http://rds.amazonaws.com/doc/2014-10-31/\"><Error>"
        + "<Type>Sender</Type><Code>" + code + "</Code><Message>" + message + "</Message></Error>"
        + "<RequestId>1</RequestId></ErrorResponse>");
  }
}
