package dev.ferry.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.dsl.Parameter;
import dev.ferry.dsl.LambdaFunction;
import dev.ferry.dsl.WriterKind;
import dev.ferry.dsl.tasks.BackfillBatch;
import dev.ferry.dsl.tasks.BackupCreate;
import dev.ferry.dsl.tasks.BackupRestore;
import dev.ferry.dsl.tasks.BackupStatus;
import dev.ferry.dsl.tasks.BaselineCapture;
import dev.ferry.dsl.tasks.FerryTasks;
import dev.ferry.dsl.tasks.HttpCheck;
import dev.ferry.dsl.tasks.LambdaAliasRollback;
import dev.ferry.dsl.tasks.LambdaVersionPublish;
import dev.ferry.dsl.tasks.MigrationServiceUpgrade;
import dev.ferry.dsl.tasks.NoOperationInProgress;
import dev.ferry.dsl.tasks.SchemaMigrate;
import dev.ferry.dsl.tasks.SchemaUpgradeNeeded;
import dev.ferry.dsl.tasks.SchemaVerify;
import dev.ferry.dsl.tasks.SchemaVersion;
import dev.ferry.dsl.tasks.SnapshotCreate;
import dev.ferry.dsl.tasks.SnapshotRestore;
import dev.ferry.dsl.tasks.SnapshotStatus;
import dev.ferry.dsl.tasks.WritersPause;
import dev.ferry.dsl.tasks.WritersResume;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Derives what the task functions of one migration may do on AWS: for each Task state that calls a
 * shipped function, exactly the calls its AWS adapter makes, on the resources the payload names.
 * Where the payload computes a name at run time, or the handler chooses it (snapshot, backup and
 * restored-copy names), the grant is a pattern, as narrow as the naming allows, and is reported.
 * Writers to pause are granted for the kinds the parameter holding them declares
 * ({@link Parameter#holdingWriters}); a parameter that declares none gets every kind, reported.
 */
public final class TaskRolePolicy {

  private static final String LAMBDA_INVOKE = "arn:aws:states:::lambda:invoke";
  private static final Pattern PARAMETER_REF = Pattern.compile("\\$\\.parameters\\.([A-Za-z][A-Za-z0-9]*)");

  private final CompiledMachine machine;
  private final TableNames tables;
  private final ArnContext arns;
  private final PolicyBuilder policy = new PolicyBuilder();

  private TaskRolePolicy(CompiledMachine machine, TableNames tables, ArnContext arns) {
    this.machine = machine;
    this.tables = tables;
    this.arns = arns;
  }

  public static DerivedPolicy derive(
      CompiledMachine machine, List<FunctionSpec> functions, TableNames tables, ArnContext arns) {
    TaskRolePolicy derived = new TaskRolePolicy(machine, tables, arns);
    for (FunctionSpec f : functions) {
      derived.policy.allow(arns.arn("logs", "log-group:/aws/lambda/" + f.name() + ":*"),
          "logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents");
    }
    Set<String> deployed = new java.util.HashSet<>(functions.stream().map(FunctionSpec::name).toList());
    if (deployed.contains(FerryTasks.EXECUTION_ENDED.name())) {
      // EventBridge calls it, not a state of the machine.
      derived.recordEndedRuns();
    }
    List<TaskState> writerStates = new ArrayList<>();
    Set<WriterKind> undeclared = EnumSet.noneOf(WriterKind.class);
    List<Writer> writers = new ArrayList<>();
    for (TaskState task : machine.taskStates()) {
      if (!task.resource().startsWith(LAMBDA_INVOKE)) {
        continue;
      }
      String function = TaskState.staticText(task.parameters(), "FunctionName");
      if (function == null || !deployed.contains(function)) {
        continue;
      }
      JsonNode payload = task.parameters().path("Payload");
      if (is(function, WritersPause.FUNCTION)) {
        writerStates.add(task);
        derived.writers(task, payload, writers, undeclared);
      } else if (is(function, WritersResume.FUNCTION)) {
        writerStates.add(task);
      } else {
        derived.grant(task, function, new Payload(payload), deployed);
      }
    }
    derived.grantWriters(writerStates, writers, undeclared);
    return derived.policy.build();
  }

  /** A payload field: fixed text, computed at run time, or absent. */
  private record Payload(JsonNode node) {
    String text(String field) {
      return TaskState.staticText(node, field);
    }

    boolean has(String field) {
      return node.has(field) || node.has(field + ".$");
    }

    boolean isTrue(String field) {
      return node.path(field).asBoolean(false) || node.has(field + ".$");
    }

    boolean isFalse(String field) {
      return node.has(field) && !node.path(field).asBoolean(true);
    }
  }

  private void grant(TaskState task, String function, Payload p, Set<String> deployed) {
    if (is(function, SnapshotCreate.FUNCTION)) {
      database(task, p, "db", "dbInstanceIdentifier", "rds:CreateDBSnapshot");
      database(task, p, "cluster", "dbClusterIdentifier", "rds:CreateDBClusterSnapshot");
      snapshots(task, p.has("dbInstanceIdentifier"), p.has("dbClusterIdentifier"),
          "rds:CreateDBSnapshot", "rds:CreateDBClusterSnapshot");
    } else if (is(function, SnapshotStatus.FUNCTION)) {
      snapshots(task, !p.isTrue("cluster"), !p.isFalse("cluster"), null, null);
    } else if (is(function, SnapshotRestore.FUNCTION)) {
      if (p.has("dbInstanceIdentifier")) {
        restoreTargets(task, p, "db", "dbInstanceIdentifier",
            "rds:DescribeDBInstances", "rds:ModifyDBInstance", "rds:RestoreDBInstanceFromDBSnapshot");
        allowWildcard(task, arns.arn("rds", "subgrp:*"), "the restore reuses the original's subnet group, known at run time",
            "rds:RestoreDBInstanceFromDBSnapshot");
        allowWildcard(task, arns.arn("rds", "pg:*"), "the restore reuses the original's parameter group, known at run time",
            "rds:RestoreDBInstanceFromDBSnapshot");
      }
      if (p.has("dbClusterIdentifier")) {
        restoreTargets(task, p, "cluster", "dbClusterIdentifier",
            "rds:DescribeDBClusters", "rds:ModifyDBCluster", "rds:RestoreDBClusterFromSnapshot", "rds:CreateDBInstance");
        allowWildcard(task, arns.arn("rds", "db:*"),
            "the restore reads the cluster's member instances and creates the restored cluster's instance, named at run time",
            "rds:CreateDBInstance", "rds:DescribeDBInstances");
        allowWildcard(task, arns.arn("rds", "subgrp:*"), "the restore reuses the original's subnet group, known at run time",
            "rds:RestoreDBClusterFromSnapshot");
        allowWildcard(task, arns.arn("rds", "cluster-pg:*"),
            "the restore reuses the original's cluster parameter group, known at run time", "rds:RestoreDBClusterFromSnapshot");
      }
      snapshots(task, p.has("dbInstanceIdentifier"), p.has("dbClusterIdentifier"),
          "rds:RestoreDBInstanceFromDBSnapshot", "rds:RestoreDBClusterFromSnapshot");
    } else if (is(function, BackupCreate.FUNCTION)) {
      policy.allow("*", "dynamodb:ListBackups");
      table(task, p, "tableName", "dynamodb:CreateBackup");
    } else if (is(function, BackupStatus.FUNCTION)) {
      backups(task, p, "dynamodb:DescribeBackup");
    } else if (is(function, BackupRestore.FUNCTION)) {
      backups(task, p, "dynamodb:DescribeBackup", "dynamodb:RestoreTableFromBackup");
      // A restore writes the items into the new table with the caller's permissions.
      table(task, p, "tableName", "dynamodb:BatchWriteItem", "dynamodb:DeleteItem", "dynamodb:DeleteTable",
          "dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query",
          "dynamodb:RestoreTableFromBackup", "dynamodb:Scan", "dynamodb:UpdateItem");
    } else if (is(function, NoOperationInProgress.FUNCTION)) {
      table(task, p, "tableName", "dynamodb:DescribeTable", "dynamodb:Scan");
    } else if (is(function, BaselineCapture.FUNCTION) || is(function, SchemaMigrate.FUNCTION) || is(function, SchemaVerify.FUNCTION)
        || is(function, SchemaVersion.FUNCTION)) {
      secret(task, p);
    } else if (is(function, BackfillBatch.FUNCTION)) {
      secret(task, p);
      policy.allow(arns.dynamoDbTable(tables.progress()), "dynamodb:UpdateItem");
    } else if (is(function, LambdaVersionPublish.FUNCTION)) {
      function(task, p, "lambda:GetAlias", "lambda:GetFunction", "lambda:ListVersionsByFunction",
          "lambda:PublishVersion", "lambda:UpdateAlias", "lambda:UpdateFunctionCode");
      codeObject(task, p);
    } else if (is(function, LambdaAliasRollback.FUNCTION)) {
      function(task, p, "lambda:UpdateAlias");
    } else if (is(function, FerryTasks.APPROVAL_REQUEST)) {
      policy.allow(arns.dynamoDbTable(tables.progress()), "dynamodb:UpdateItem");
      if (deployed.contains(FerryTasks.APPROVAL_HEARTBEAT.name())) {
        approvalHeartbeat(task);
      }
    } else if (is(function, FerryTasks.EXECUTION_ENDED)) {
      recordEndedRuns();
    } else if (is(function, FerryTasks.APPROVAL_HEARTBEAT)) {
      approvalHeartbeat(task);
    } else if (is(function, FerryTasks.LOCK_HOLDER)) {
      policy.allow(arns.dynamoDbTable(tables.progress()), "dynamodb:GetItem");
      allowWildcard(task, arns.execution(CompiledMachine.stateMachineName("*"), "*"),
          "the lock's holder is a run of whichever Ferry machine migrated the target, known at run time",
          "states:DescribeExecution");
    } else if (!is(function, HttpCheck.FUNCTION) && !is(function, SchemaUpgradeNeeded.FUNCTION)
        && !is(function, MigrationServiceUpgrade.FUNCTION)) {
      // HTTP checks and the migration service's endpoints make no AWS calls; anything else is unknown here.
      throw new IllegalStateException("no AWS permissions are known for task function " + function
          + " (state '" + task.name() + "'); add them to TaskRolePolicy");
    }
  }

  /** What keeps an approval's wait alive: it reads the pending approvals and heartbeats their tokens. */
  private void approvalHeartbeat(TaskState approval) {
    policy.allow(arns.dynamoDbTable(tables.progress()), "dynamodb:Scan");
    allowWildcard(approval, "*", FerryTasks.APPROVAL_HEARTBEAT.name() + " heartbeats the approval's task token, which names"
        + " no resource IAM can narrow to", "states:SendTaskHeartbeat");
  }

  /** Reads the progress row, then appends the abandoned step's audit row and ends the progress row in one transaction. */
  private void recordEndedRuns() {
    policy.allow(arns.dynamoDbTable(tables.progress()), "dynamodb:GetItem", "dynamodb:UpdateItem");
    policy.allow(arns.dynamoDbTable(tables.audit()), "dynamodb:PutItem");
  }

  private static boolean is(String function, LambdaFunction task) {
    return task.name().equals(function);
  }

  private void database(TaskState task, Payload p, String kind, String field, String action) {
    String id = p.text(field);
    if (id != null) {
      policy.allow(arns.arn("rds", kind + ":" + id), action);
    } else if (p.has(field)) {
      allowWildcard(task, arns.arn("rds", kind + ":*"), "Payload." + field + " is computed at run time", action);
    }
  }

  /** Snapshot ids are chosen by the handler, always with the {@code ferry-} prefix. */
  private void snapshots(TaskState task, boolean instance, boolean cluster, String instanceAction, String clusterAction) {
    String reason = "snapshot ids are chosen by the handler at run time (always ferry-...)";
    if (instance) {
      List<String> actions = new ArrayList<>(List.of("rds:DescribeDBSnapshots"));
      if (instanceAction != null) {
        actions.add(instanceAction);
      }
      allowWildcard(task, arns.arn("rds", "snapshot:ferry-*"), reason, actions.toArray(String[]::new));
    }
    if (cluster) {
      List<String> actions = new ArrayList<>(List.of("rds:DescribeDBClusterSnapshots"));
      if (clusterAction != null) {
        actions.add(clusterAction);
      }
      allowWildcard(task, arns.arn("rds", "cluster-snapshot:ferry-*"), reason, actions.toArray(String[]::new));
    }
  }

  /** The database, and the renamed-aside and restored copies named after it ({@code <id>-old-...}, {@code <id>-new-...}). */
  private void restoreTargets(TaskState task, Payload p, String kind, String field, String... actions) {
    String id = p.text(field);
    if (id == null) {
      allowWildcard(task, arns.arn("rds", kind + ":*"), "Payload." + field + " is computed at run time", actions);
      return;
    }
    policy.allow(arns.arn("rds", kind + ":" + id), actions);
    allowWildcard(task, arns.arn("rds", kind + ":" + id.toLowerCase(java.util.Locale.ROOT) + "-*"),
        "the restore's renamed-aside and restored copies are named at run time", actions);
  }

  private void table(TaskState task, Payload p, String field, String... actions) {
    String table = p.text(field);
    if (table != null) {
      policy.allow(arns.dynamoDbTable(table), actions);
    } else if (p.has(field)) {
      allowWildcard(task, arns.dynamoDbTable("*"), "Payload." + field + " is computed at run time", actions);
    }
  }

  private void backups(TaskState task, Payload p, String... actions) {
    String table = p.text("tableName");
    String resource = arns.dynamoDbTable((table == null ? "*" : table) + "/backup/*");
    allowWildcard(task, resource, "backup ARNs are created at run time", actions);
  }

  private void secret(TaskState task, Payload p) {
    String arn = p.text("secretArn");
    if (arn != null) {
      policy.allow(arn, "secretsmanager:GetSecretValue");
    } else if (p.has("secretArn")) {
      allowWildcard(task, arns.arn("secretsmanager", "secret:*"), "Payload.secretArn is computed at run time",
          "secretsmanager:GetSecretValue");
    }
  }

  private void function(TaskState task, Payload p, String... actions) {
    String name = p.text("functionName");
    if (name != null) {
      policy.allow(arns.lambdaFunction(name), actions);
    } else if (p.has("functionName")) {
      allowWildcard(task, arns.lambdaFunction("*"), "Payload.functionName is computed at run time", actions);
    }
  }

  /** Lambda reads an S3 code package with the caller's permissions. */
  private void codeObject(TaskState task, Payload p) {
    String bucket = p.text("codeS3Bucket");
    String key = p.text("codeS3Key");
    if (bucket != null && key != null) {
      policy.allow("arn:" + arns.partition() + ":s3:::" + bucket + "/" + key, "s3:GetObject");
    } else {
      allowWildcard(task, "arn:" + arns.partition() + ":s3:::" + (bucket == null ? "*" : bucket) + "/*",
          "the code package's bucket or key is computed at run time", "s3:GetObject");
    }
  }

  /** One writer the pause names: its kind, and its name and cluster when fixed in the definition. */
  private record Writer(WriterKind kind, String name, String cluster) {}

  private void writers(TaskState task, JsonNode payload, List<Writer> into, Set<WriterKind> undeclared) {
    JsonNode list = payload.path("writers");
    for (JsonNode writer : list) {
      String type = TaskState.staticText(writer, "type");
      WriterKind kind = type == null ? null
          : EnumSet.allOf(WriterKind.class).stream().filter(k -> k.type().equals(type)).findFirst().orElse(null);
      if (kind != null) {
        into.add(new Writer(kind, TaskState.staticText(writer, "name"), TaskState.staticText(writer, "cluster")));
      } else {
        kindsOf(writer.toString(), into, undeclared);
      }
    }
    if (payload.has("writers.$")) {
      kindsOf(payload.get("writers.$").asText(), into, undeclared);
    }
  }

  /** The declared kinds of every parameter an expression reads; all kinds when one declares none. */
  private void kindsOf(String expression, List<Writer> into, Set<WriterKind> undeclared) {
    Matcher refs = PARAMETER_REF.matcher(expression);
    boolean any = false;
    while (refs.find()) {
      any = true;
      Set<WriterKind> kinds = machine.parameter(refs.group(1)).map(Parameter::writerKinds).orElse(Set.of());
      if (kinds.isEmpty()) {
        undeclared.addAll(EnumSet.allOf(WriterKind.class));
      }
      kinds.forEach(k -> into.add(new Writer(k, null, null)));
    }
    if (!any) {
      undeclared.addAll(EnumSet.allOf(WriterKind.class));
    }
  }

  /** Pause and resume act on the same writers: the resume reads what the pause returned. */
  private void grantWriters(List<TaskState> states, List<Writer> writers, Set<WriterKind> undeclared) {
    for (TaskState task : states) {
      for (Writer w : writers) {
        grantWriter(task, w, w.name() == null ? "the writers come from a parameter declaring " + w.kind().type()
            + " writers; their names are known at run time" : null);
      }
      for (WriterKind kind : undeclared) {
        grantWriter(task, new Writer(kind, null, null), "the writers' kinds are not declared, so every kind is granted;"
            + " declare them with Parameter.holdingWriters(...)");
      }
    }
  }

  private void grantWriter(TaskState task, Writer w, String reason) {
    switch (w.kind()) {
      case LAMBDA -> {
        String[] actions = {"lambda:DeleteFunctionConcurrency", "lambda:GetFunction", "lambda:GetFunctionConcurrency",
            "lambda:ListTags", "lambda:PutFunctionConcurrency", "lambda:TagResource", "lambda:UntagResource"};
        if (reason == null) {
          policy.allow(arns.lambdaFunction(w.name()), actions);
        } else {
          allowWildcard(task, arns.lambdaFunction("*"), reason, actions);
        }
        // Listing mappings has no resource in IAM; a mapping is named by its UUID, found at run time.
        policy.allow("*", "lambda:ListEventSourceMappings");
        allowWildcard(task, arns.arn("lambda", "event-source-mapping:*"),
            "event source mappings are found at run time", "lambda:UpdateEventSourceMapping");
      }
      case ECS -> {
        String[] actions = {"ecs:DescribeServices", "ecs:ListTagsForResource", "ecs:TagResource", "ecs:UntagResource",
            "ecs:UpdateService"};
        if (reason == null) {
          policy.allow(arns.arn("ecs", "service/" + (w.cluster() == null ? "default" : w.cluster()) + "/" + w.name()), actions);
        } else {
          allowWildcard(task, arns.arn("ecs", "service/*/*"), reason, actions);
        }
      }
    }
  }

  private void allowWildcard(TaskState task, String resource, String reason, String... actions) {
    for (String action : actions) {
      policy.allowWildcard(task.name(), action, resource, reason);
    }
  }
}
