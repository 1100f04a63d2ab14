package dev.ferry.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Derives a state machine role's policy from its compiled definition: each Task state grants
 * exactly the actions its integration performs on the resources named in its parameters.
 */
public final class PolicyDeriver {

  private static final String LAMBDA_INVOKE = "arn:aws:states:::lambda:invoke";
  private static final String OPTIMIZED_DYNAMODB = "arn:aws:states:::dynamodb:";
  private static final String AWS_SDK = "arn:aws:states:::aws-sdk:";

  private final ArnContext arns;
  private final PolicyBuilder policy = new PolicyBuilder();

  private PolicyDeriver(ArnContext arns) {
    this.arns = arns;
  }

  public static DerivedPolicy derive(CompiledMachine machine, ArnContext arns) {
    PolicyDeriver deriver = new PolicyDeriver(arns);
    machine.taskStates().forEach(deriver::grant);
    return deriver.policy.build();
  }

  private void grant(TaskState task) {
    String resource = stripWaitSuffix(task.resource());
    if (resource.equals(LAMBDA_INVOKE)) {
      grantLambda(task);
    } else if (resource.startsWith("arn:aws:lambda:")) {
      allow(resource, "lambda:InvokeFunction");
    } else if (resource.startsWith(OPTIMIZED_DYNAMODB)) {
      grantDynamoDb(task, resource.substring(OPTIMIZED_DYNAMODB.length()));
    } else if (resource.startsWith(AWS_SDK + "dynamodb:")) {
      grantDynamoDb(task, resource.substring((AWS_SDK + "dynamodb:").length()));
    } else if (resource.startsWith(AWS_SDK)) {
      String[] serviceAction = resource.substring(AWS_SDK.length()).split(":", 2);
      grantSdkCall(task, serviceAction[0], serviceAction[0] + ":" + pascal(serviceAction[1]));
    } else {
      throw FerryException.badInput(
          "Task state '" + task.name() + "' uses resource " + task.resource()
              + ", for which Ferry cannot derive IAM permissions",
          "use a lambda:invoke, dynamodb or aws-sdk integration, or grant the permission in the exported template");
    }
  }

  /** An identifier parameter of an SDK call and the ARN of the resource it names. */
  private record ResourceField(String service, String field, String arnPrefix) {}

  private static final List<ResourceField> RESOURCE_FIELDS = List.of(
      new ResourceField("rds", "DbInstanceIdentifier", "db:"),
      new ResourceField("rds", "DbClusterIdentifier", "cluster:"),
      new ResourceField("rds", "DbSnapshotIdentifier", "snapshot:"),
      new ResourceField("rds", "DbClusterSnapshotIdentifier", "cluster-snapshot:"),
      new ResourceField("secretsmanager", "SecretId", "secret:"),
      new ResourceField("lambda", "FunctionName", "function:"),
      new ResourceField("iam", "RoleName", "role/"));

  /**
   * Database, secret and function calls are granted on the resources their identifier parameters
   * name; a computed identifier, or a service Ferry knows no identifiers of, gets a reported
   * wildcard.
   */
  private void grantSdkCall(TaskState task, String service, String action) {
    boolean named = false;
    for (ResourceField f : RESOURCE_FIELDS) {
      if (!f.service().equals(service)) {
        continue;
      }
      String value = TaskState.staticText(task.parameters(), f.field());
      if (value != null) {
        // A secret's ARN ends in a random suffix after its name.
        String suffix = service.equals("secretsmanager") ? "-*" : "";
        allow(value.startsWith("arn:") ? value : arn(service, f.arnPrefix() + value + suffix), action);
        named = true;
      } else if (TaskState.isDynamic(task.parameters(), f.field())) {
        allowWildcard(task, action, arn(service, f.arnPrefix() + "*"), f.field() + " is computed at run time");
        named = true;
      }
    }
    if (!named) {
      allowWildcard(task, action, "*",
          "Ferry does not derive resources for " + action + "; narrow them in the exported template");
    }
  }

  /** IAM is global: its ARNs name no region. */
  private String arn(String service, String resource) {
    return service.equals("iam") ? "arn:" + arns.partition() + ":iam::" + arns.account() + ":" + resource
        : arns.arn(service, resource);
  }

  private void grantLambda(TaskState task) {
    String name = TaskState.staticText(task.parameters(), "FunctionName");
    if (name == null) {
      allowWildcard(task, "lambda:InvokeFunction", arns.lambdaFunction("*"),
          "FunctionName is computed at run time");
      return;
    }
    String arn = name.startsWith("arn:") ? name : arns.lambdaFunction(name);
    allow(arn, "lambda:InvokeFunction");
    // Unqualified names also grant the function's versions and aliases (name:qualifier).
    if (arn.split(":").length == 7) {
      allow(arn + ":*", "lambda:InvokeFunction");
    }
  }

  private void grantDynamoDb(TaskState task, String action) {
    JsonNode p = task.parameters();
    switch (action) {
      case "transactWriteItems" -> {
        for (JsonNode item : p.path("TransactItems")) {
          grantTransactItem(task, item);
        }
        if (TaskState.isDynamic(p, "TransactItems")) {
          allowWildcard(task, "dynamodb:PutItem", arns.dynamoDbTable("*"), "TransactItems is computed at run time");
        }
      }
      case "transactGetItems" -> {
        for (JsonNode item : p.path("TransactItems")) {
          grantTable(task, item.path("Get"), "dynamodb:GetItem");
        }
      }
      case "batchGetItem", "batchWriteItem" -> {
        JsonNode requestItems = p.path("RequestItems");
        if (!requestItems.isObject() || requestItems.isEmpty()) {
          allowWildcard(task, "dynamodb:" + pascal(action), arns.dynamoDbTable("*"), "RequestItems is computed at run time");
        }
        requestItems.fieldNames().forEachRemaining(table -> allow(tableArn(table), "dynamodb:" + pascal(action)));
      }
      default -> grantTable(task, p, "dynamodb:" + pascal(action));
    }
  }

  private void grantTransactItem(TaskState task, JsonNode item) {
    Map<String, String> kinds = new LinkedHashMap<>();
    kinds.put("Put", "dynamodb:PutItem");
    kinds.put("Update", "dynamodb:UpdateItem");
    kinds.put("Delete", "dynamodb:DeleteItem");
    kinds.put("ConditionCheck", "dynamodb:ConditionCheckItem");
    kinds.forEach((kind, iamAction) -> {
      if (item.has(kind)) {
        grantTable(task, item.get(kind), iamAction);
      }
    });
  }

  private void grantTable(TaskState task, JsonNode parameters, String iamAction) {
    String table = TaskState.staticText(parameters, "TableName");
    if (table == null) {
      allowWildcard(task, iamAction, arns.dynamoDbTable("*"), "TableName is computed at run time");
      return;
    }
    allow(tableArn(table), iamAction);
    String index = TaskState.staticText(parameters, "IndexName");
    if (index != null) {
      allow(tableArn(table) + "/index/" + index, iamAction);
    }
  }

  private String tableArn(String table) {
    return table.startsWith("arn:") ? table : arns.dynamoDbTable(table);
  }

  private void allow(String resource, String action) {
    policy.allow(resource, action);
  }

  private void allowWildcard(TaskState task, String action, String resource, String reason) {
    policy.allowWildcard(task.name(), action, resource, reason);
  }

  private static String stripWaitSuffix(String resource) {
    for (String suffix : List.of(".waitForTaskToken", ".sync:2", ".sync")) {
      if (resource.endsWith(suffix)) {
        return resource.substring(0, resource.length() - suffix.length());
      }
    }
    return resource;
  }

  static String pascal(String action) {
    return action.isEmpty() ? action : Character.toUpperCase(action.charAt(0)) + action.substring(1);
  }
}
