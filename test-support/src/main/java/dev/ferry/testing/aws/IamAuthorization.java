package dev.ferry.testing.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.testing.aws.RecordedRequests.Call;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;

/**
 * Would IAM allow a recorded request under a role's policies? The IAM action and the resources
 * each operation is authorised on follow AWS's Service Authorization Reference for the operations
 * Ferry's task adapters call, written here independently of the deploy module's policy code so the
 * two check each other. Policies are Allow-only with {@code *} and {@code ?} globs, as Ferry writes them.
 */
public final class IamAuthorization {

  /** One permission a request needs: an IAM action on a resource ARN ({@code *} for actions without resources). */
  public record Need(String action, String resource) {
    @Override
    public String toString() {
      return action + " on " + resource;
    }
  }

  private final String partitionRegionAccount;

  /** ARNs in the given region and account of the aws partition. */
  public IamAuthorization(String region, String account) {
    this.partitionRegionAccount = region + ":" + account;
  }

  private interface Rule extends BiFunction<SdkRequest, IamAuthorization, List<String>> {}

  private static final Map<String, String> PREFIX = Map.of(
      "Rds", "rds", "DynamoDb", "dynamodb", "Lambda", "lambda", "Ecs", "ecs", "SecretsManager", "secretsmanager",
      "Sfn", "states", "Iam", "iam");

  private static final Map<String, Rule> RULES = Map.ofEntries(
      Map.entry("Rds:DescribeDBInstances", (r, a) -> List.of(a.arn("rds", "db:" + text(r, "DBInstanceIdentifier")))),
      Map.entry("Rds:DescribeDBClusters", (r, a) -> List.of(a.arn("rds", "cluster:" + text(r, "DBClusterIdentifier")))),
      Map.entry("Rds:DescribeDBSnapshots", (r, a) -> List.of(a.arn("rds", "snapshot:" + text(r, "DBSnapshotIdentifier")))),
      Map.entry("Rds:DescribeDBClusterSnapshots",
          (r, a) -> List.of(a.arn("rds", "cluster-snapshot:" + text(r, "DBClusterSnapshotIdentifier")))),
      Map.entry("Rds:CreateDBSnapshot", (r, a) -> List.of(a.arn("rds", "db:" + text(r, "DBInstanceIdentifier")),
          a.arn("rds", "snapshot:" + text(r, "DBSnapshotIdentifier")))),
      Map.entry("Rds:CreateDBClusterSnapshot", (r, a) -> List.of(a.arn("rds", "cluster:" + text(r, "DBClusterIdentifier")),
          a.arn("rds", "cluster-snapshot:" + text(r, "DBClusterSnapshotIdentifier")))),
      Map.entry("Rds:RestoreDBInstanceFromDBSnapshot", (r, a) -> present(
          a.arn("rds", "db:" + text(r, "DBInstanceIdentifier")),
          a.arn("rds", "snapshot:" + text(r, "DBSnapshotIdentifier")),
          a.arnIf("rds", "subgrp:", text(r, "DBSubnetGroupName")),
          a.arnIf("rds", "pg:", text(r, "DBParameterGroupName")))),
      Map.entry("Rds:RestoreDBClusterFromSnapshot", (r, a) -> present(
          a.arn("rds", "cluster:" + text(r, "DBClusterIdentifier")),
          a.arn("rds", "cluster-snapshot:" + text(r, "SnapshotIdentifier")),
          a.arnIf("rds", "subgrp:", text(r, "DBSubnetGroupName")),
          a.arnIf("rds", "cluster-pg:", text(r, "DBClusterParameterGroupName")))),
      Map.entry("Rds:CreateDBInstance", (r, a) -> present(a.arn("rds", "db:" + text(r, "DBInstanceIdentifier")),
          a.arnIf("rds", "cluster:", text(r, "DBClusterIdentifier")))),
      Map.entry("Rds:ModifyDBInstance", (r, a) -> present(a.arn("rds", "db:" + text(r, "DBInstanceIdentifier")),
          a.arnIf("rds", "db:", text(r, "NewDBInstanceIdentifier")))),
      Map.entry("Rds:ModifyDBCluster", (r, a) -> present(a.arn("rds", "cluster:" + text(r, "DBClusterIdentifier")),
          a.arnIf("rds", "cluster:", text(r, "NewDBClusterIdentifier")))),

      Map.entry("DynamoDb:ListBackups", (r, a) -> List.of("*")),
      Map.entry("DynamoDb:CreateBackup", (r, a) -> List.of(a.table(text(r, "TableName")))),
      Map.entry("DynamoDb:DescribeBackup", (r, a) -> List.of(text(r, "BackupArn"))),
      Map.entry("DynamoDb:RestoreTableFromBackup", (r, a) -> List.of(a.table(text(r, "TargetTableName")), text(r, "BackupArn"))),
      Map.entry("DynamoDb:DescribeTable", (r, a) -> List.of(a.table(text(r, "TableName")))),
      Map.entry("DynamoDb:DeleteTable", (r, a) -> List.of(a.table(text(r, "TableName")))),
      Map.entry("DynamoDb:GetItem", (r, a) -> List.of(a.table(text(r, "TableName")))),
      Map.entry("DynamoDb:PutItem", (r, a) -> List.of(a.table(text(r, "TableName")))),
      Map.entry("DynamoDb:UpdateItem", (r, a) -> List.of(a.table(text(r, "TableName")))),
      Map.entry("DynamoDb:Query", (r, a) -> List.of(a.table(text(r, "TableName")))),
      Map.entry("DynamoDb:Scan", (r, a) -> List.of(a.table(text(r, "TableName")))),

      Map.entry("Lambda:GetFunction", (r, a) -> List.of(a.function(text(r, "FunctionName")))),
      Map.entry("Lambda:ListEventSourceMappings", (r, a) -> List.of("*")),
      Map.entry("Lambda:UpdateEventSourceMapping", (r, a) -> List.of(a.arn("lambda", "event-source-mapping:" + text(r, "UUID")))),
      Map.entry("Lambda:ListTags", (r, a) -> List.of(text(r, "Resource"))),
      Map.entry("Lambda:TagResource", (r, a) -> List.of(text(r, "Resource"))),
      Map.entry("Lambda:UntagResource", (r, a) -> List.of(text(r, "Resource"))),
      Map.entry("Lambda:GetFunctionConcurrency", (r, a) -> List.of(a.function(text(r, "FunctionName")))),
      Map.entry("Lambda:PutFunctionConcurrency", (r, a) -> List.of(a.function(text(r, "FunctionName")))),
      Map.entry("Lambda:DeleteFunctionConcurrency", (r, a) -> List.of(a.function(text(r, "FunctionName")))),
      Map.entry("Lambda:ListVersionsByFunction", (r, a) -> List.of(a.function(text(r, "FunctionName")))),
      Map.entry("Lambda:GetAlias", (r, a) -> List.of(a.function(text(r, "FunctionName")))),
      Map.entry("Lambda:UpdateAlias", (r, a) -> List.of(a.function(text(r, "FunctionName")))),
      Map.entry("Lambda:PublishVersion", (r, a) -> List.of(a.function(text(r, "FunctionName")))),
      Map.entry("Lambda:UpdateFunctionCode", (r, a) -> List.of(a.function(text(r, "FunctionName")))),

      Map.entry("Ecs:DescribeServices", (r, a) -> list(r, "services").stream().map(s -> a.service(text(r, "cluster"), s)).toList()),
      Map.entry("Ecs:UpdateService", (r, a) -> List.of(a.service(text(r, "cluster"), text(r, "service")))),
      Map.entry("Ecs:ListTagsForResource", (r, a) -> List.of(text(r, "resourceArn"))),
      Map.entry("Ecs:TagResource", (r, a) -> List.of(text(r, "resourceArn"))),
      Map.entry("Ecs:UntagResource", (r, a) -> List.of(text(r, "resourceArn"))),

      Map.entry("SecretsManager:GetSecretValue", (r, a) -> List.of(text(r, "SecretId"))),

      Map.entry("Iam:PutRolePolicy", (r, a) -> List.of(a.global("iam", "role/" + text(r, "RoleName")))),
      Map.entry("Iam:DeleteRolePolicy", (r, a) -> List.of(a.global("iam", "role/" + text(r, "RoleName")))));

  /** A transaction's items, each authorised as the single-item write it is. */
  private static final Map<String, String> TRANSACT_ACTIONS = Map.of(
      "Put", "dynamodb:PutItem", "Update", "dynamodb:UpdateItem", "Delete", "dynamodb:DeleteItem",
      "ConditionCheck", "dynamodb:ConditionCheckItem", "Get", "dynamodb:GetItem");

  /**
   * The permissions a request needs. Lambda's code update from S3 also needs read access to the
   * object (Lambda fetches it with the caller's permissions).
   */
  public List<Need> needs(Call call) {
    if (call.service().equals("DynamoDb") && call.operation().startsWith("Transact")) {
      return transactNeeds(call.request());
    }
    Rule rule = RULES.get(call.service() + ":" + call.operation());
    if (rule == null) {
      throw new IllegalArgumentException("no authorization rule for " + call
          + "; add the action and resources AWS authorises it on to IamAuthorization");
    }
    String action = PREFIX.get(call.service()) + ":" + call.operation();
    List<Need> needs = new ArrayList<>(rule.apply(call.request(), this).stream().map(r -> new Need(action, r)).toList());
    String bucket = text(call.request(), "S3Bucket");
    if (call.operation().equals("UpdateFunctionCode") && bucket != null) {
      needs.add(new Need("s3:GetObject", "arn:aws:s3:::" + bucket + "/" + text(call.request(), "S3Key")));
    }
    return needs;
  }

  private List<Need> transactNeeds(SdkRequest request) {
    List<Need> needs = new ArrayList<>();
    if (field(request, "TransactItems") instanceof List<?> items) {
      for (Object item : items) {
        for (SdkField<?> kind : ((SdkPojo) item).sdkFields()) {
          if (kind.getValueOrDefault(item) instanceof SdkPojo write && TRANSACT_ACTIONS.containsKey(kind.memberName())) {
            needs.add(new Need(TRANSACT_ACTIONS.get(kind.memberName()), table(text(write, "TableName"))));
          }
        }
      }
    }
    return needs;
  }

  /** The needs of {@code calls} that no Allow statement of {@code policies} grants, described. */
  public List<String> refused(List<JsonNode> policies, List<Call> calls) {
    List<String> refused = new ArrayList<>();
    for (Call call : calls) {
      for (Need need : needs(call)) {
        if (policies.stream().noneMatch(p -> allows(p, need))) {
          refused.add(call + " needs " + need);
        }
      }
    }
    return refused.stream().distinct().toList();
  }

  public static boolean allows(JsonNode policy, Need need) {
    for (JsonNode statement : iterable(policy.path("Statement"))) {
      if (!"Allow".equals(statement.path("Effect").asText())) {
        continue;
      }
      boolean action = iterable(statement.path("Action")).stream()
          .anyMatch(a -> glob(a.asText().toLowerCase(Locale.ROOT)).matcher(need.action().toLowerCase(Locale.ROOT)).matches());
      boolean resource = iterable(statement.path("Resource")).stream()
          .anyMatch(r -> glob(r.asText()).matcher(need.resource()).matches());
      if (action && resource) {
        return true;
      }
    }
    return false;
  }

  private static List<JsonNode> iterable(JsonNode node) {
    List<JsonNode> out = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(out::add);
    } else if (!node.isMissingNode()) {
      out.add(node);
    }
    return out;
  }

  private static Pattern glob(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString());
  }

  String arn(String service, String resource) {
    return "arn:aws:" + service + ":" + partitionRegionAccount + ":" + resource;
  }

  /** Global services (IAM) name no region in their ARNs. */
  private String global(String service, String resource) {
    return "arn:aws:" + service + "::" + partitionRegionAccount.substring(partitionRegionAccount.indexOf(':') + 1) + ":" + resource;
  }

  private String arnIf(String service, String prefix, String value) {
    return value == null ? null : arn(service, prefix + value);
  }

  private String table(String name) {
    return name.startsWith("arn:") ? name : arn("dynamodb", "table/" + name);
  }

  /** A function name, partial ARN or ARN, with any qualifier dropped: Lambda authorises on the function. */
  private String function(String nameOrArn) {
    if (nameOrArn.startsWith("arn:")) {
      String[] parts = nameOrArn.split(":");
      return String.join(":", List.of(parts).subList(0, 7));
    }
    return arn("lambda", "function:" + nameOrArn.split(":")[0]);
  }

  private String service(String cluster, String service) {
    if (service.startsWith("arn:")) {
      return service;
    }
    String clusterName = cluster == null ? "default" : cluster.substring(cluster.lastIndexOf('/') + 1);
    return arn("ecs", "service/" + clusterName + "/" + service);
  }

  private static List<String> present(String... values) {
    List<String> out = new ArrayList<>();
    for (String v : values) {
      if (v != null) {
        out.add(v);
      }
    }
    return out;
  }

  private static String text(SdkPojo request, String member) {
    Object value = field(request, member);
    return value == null ? null : value.toString();
  }

  private static List<String> list(SdkPojo request, String member) {
    Object value = field(request, member);
    return value instanceof List<?> l ? l.stream().map(Object::toString).toList() : List.of();
  }

  private static Object field(SdkPojo request, String member) {
    for (SdkField<?> f : request.sdkFields()) {
      if (f.memberName().equals(member)) {
        return f.getValueOrDefault(request);
      }
    }
    return null;
  }
}
