package dev.ferry.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.dsl.tasks.FerryTasks;
import java.util.List;

/**
 * Derives the task functions' role policy: their log groups, the progress item the approval
 * handler writes, and the databases, tables, secrets and functions that the machine's payloads
 * name. A payload field computed at run time, or a resource the handler names itself at run time
 * (snapshot and backup ids), is granted on a wildcard and reported.
 */
public final class TaskRolePolicy {

  static final String APPROVAL_FUNCTION = FerryTasks.APPROVAL_REQUEST.name();

  private final ArnContext arns;
  private final PolicyBuilder policy = new PolicyBuilder();

  private TaskRolePolicy(ArnContext arns) {
    this.arns = arns;
  }

  public static DerivedPolicy derive(
      CompiledMachine machine, List<FunctionSpec> functions, TableNames tables, ArnContext arns) {
    TaskRolePolicy derived = new TaskRolePolicy(arns);
    for (FunctionSpec f : functions) {
      derived.policy.allow(arns.arn("logs", "log-group:/aws/lambda/" + f.name() + ":*"),
          "logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents");
      if (f.name().equals(APPROVAL_FUNCTION)) {
        derived.policy.allow(arns.dynamoDbTable(tables.progress()), "dynamodb:UpdateItem");
      }
    }
    for (TaskState task : machine.taskStates()) {
      if (task.resource().startsWith("arn:aws:states:::lambda:invoke")) {
        derived.grantPayload(task, task.parameters().path("Payload"));
      }
    }
    return derived.policy.build();
  }

  private void grantPayload(TaskState task, JsonNode payload) {
    field(task, payload, "secretArn", arn -> arn, arns.arn("secretsmanager", "secret:*"),
        "secretsmanager:GetSecretValue");
    field(task, payload, "dbInstanceIdentifier", id -> arns.arn("rds", "db:" + id), arns.arn("rds", "db:*"),
        "rds:DescribeDBInstances", "rds:CreateDBSnapshot", "rds:RestoreDBInstanceFromDBSnapshot");
    field(task, payload, "dbClusterIdentifier", id -> arns.arn("rds", "cluster:" + id), arns.arn("rds", "cluster:*"),
        "rds:DescribeDBClusters", "rds:CreateDBClusterSnapshot", "rds:RestoreDBClusterFromSnapshot");
    if (payload.has("dbInstanceIdentifier") || payload.has("dbInstanceIdentifier.$")
        || payload.has("snapshotId") || payload.has("snapshotId.$")) {
      policy.allowWildcard(task.name(), "rds:DescribeDBSnapshots", arns.arn("rds", "snapshot:*"),
          "snapshot ids are chosen by the handler at run time");
      policy.allowWildcard(task.name(), "rds:DescribeDBClusterSnapshots", arns.arn("rds", "cluster-snapshot:*"),
          "snapshot ids are chosen by the handler at run time");
    }
    field(task, payload, "tableName", t -> arns.dynamoDbTable(t), arns.dynamoDbTable("*"),
        "dynamodb:CreateBackup", "dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:Query",
        "dynamodb:RestoreTableFromBackup", "dynamodb:Scan");
    if (payload.has("backupArn") || payload.has("backupArn.$")) {
      policy.allowWildcard(task.name(), "dynamodb:DescribeBackup", arns.dynamoDbTable("*/backup/*"),
          "backup ARNs are created at run time");
    }
    field(task, payload, "functionName", f -> arns.lambdaFunction(f), arns.lambdaFunction("*"),
        "lambda:GetAlias", "lambda:GetFunction", "lambda:PublishVersion", "lambda:UpdateAlias",
        "lambda:UpdateFunctionCode");
    for (JsonNode writer : payload.path("writers")) {
      String name = TaskState.staticText(writer, "name");
      if ("lambda".equals(TaskState.staticText(writer, "type")) && name != null) {
        policy.allow(arns.lambdaFunction(name), "lambda:DeleteFunctionConcurrency",
            "lambda:GetFunctionConcurrency", "lambda:PutFunctionConcurrency");
      } else if ("ecs".equals(TaskState.staticText(writer, "type")) && name != null) {
        String cluster = TaskState.staticText(writer, "cluster");
        policy.allow(arns.arn("ecs", "service/" + (cluster == null ? "default" : cluster) + "/" + name),
            "ecs:DescribeServices", "ecs:UpdateService");
      }
    }
    if (payload.has("writers.$")) {
      policy.allowWildcard(task.name(), "lambda:PutFunctionConcurrency", arns.lambdaFunction("*"),
          "the writers to pause are computed at run time");
    }
  }

  private void field(TaskState task, JsonNode payload, String name,
      java.util.function.UnaryOperator<String> toArn, String wildcard, String... actions) {
    String value = TaskState.staticText(payload, name);
    if (value != null) {
      policy.allow(toArn.apply(value), actions);
    } else if (TaskState.isDynamic(payload, name)) {
      for (String action : actions) {
        policy.allowWildcard(task.name(), action, wildcard, "Payload." + name + " is computed at run time");
      }
    }
  }
}
