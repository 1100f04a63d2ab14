package dev.ferry.deploy.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.deploy.aws.AwsStub.Reply;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
import software.amazon.awssdk.services.iam.model.GetRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.GetRoleRequest;
import software.amazon.awssdk.services.iam.model.PutRolePolicyRequest;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.Target;
import software.amazon.awssdk.services.scheduler.model.UpdateScheduleRequest;
import software.amazon.awssdk.services.sfn.model.CreateStateMachineAliasRequest;
import software.amazon.awssdk.services.sfn.model.CreateStateMachineRequest;
import software.amazon.awssdk.services.sfn.model.UpdateStateMachineAliasRequest;
import software.amazon.awssdk.services.sfn.model.UpdateStateMachineRequest;

/**
 * Canned AWS answers that reflect what earlier requests in the same test wrote: a created table
 * is described back with the key it was created with, a put policy is read back URL-encoded as
 * IAM does, and so on. Deploying twice against it shows what the second deploy would send.
 */
final class RememberingAws {

  private static final ObjectMapper JSON = new ObjectMapper();
  static final double EPOCH = 1.7632512E9;

  final Map<String, CreateTableRequest> tables = new HashMap<>();
  final Set<String> pitr = new HashSet<>();
  final Map<String, String> trust = new HashMap<>();
  final Map<String, String> policies = new HashMap<>();
  String definition;
  String machineRole;
  int versions;
  String aliasVersion;
  Target scheduleTarget;
  String scheduleExpression;
  String scheduleTimeZone;

  static String machineArn(String name) {
    return "arn:aws:states:" + AwsStub.REGION + ":" + AwsStub.ACCOUNT + ":stateMachine:" + name;
  }

  void install(AwsStub stub, String stateMachineName) {
    String machineArn = machineArn(stateMachineName);
    stub.on("DescribeTable", r -> {
      CreateTableRequest t = tables.get(((DescribeTableRequest) r).tableName());
      if (t == null) {
        return Reply.jsonError("com.amazonaws.dynamodb.v20120810#ResourceNotFoundException");
      }
      ObjectNode table = JSON.createObjectNode().put("TableName", t.tableName()).put("TableStatus", "ACTIVE");
      ArrayNode keys = table.putArray("KeySchema");
      t.keySchema().forEach(k -> keys.addObject().put("AttributeName", k.attributeName()).put("KeyType", k.keyTypeAsString()));
      table.putObject("BillingModeSummary").put("BillingMode", t.billingModeAsString());
      return Reply.json(JSON.createObjectNode().<ObjectNode>set("Table", table).toString());
    });
    stub.on("CreateTable", r -> {
      CreateTableRequest t = (CreateTableRequest) r;
      tables.put(t.tableName(), t);
      return Reply.json("{\"TableDescription\":{\"TableName\":\"" + t.tableName() + "\",\"TableStatus\":\"CREATING\"}}");
    });
    stub.on("DescribeContinuousBackups", r -> Reply.json(continuousBackups(
        pitr.contains(((software.amazon.awssdk.services.dynamodb.model.DescribeContinuousBackupsRequest) r).tableName()))));
    stub.on("UpdateContinuousBackups", r -> {
      pitr.add(((software.amazon.awssdk.services.dynamodb.model.UpdateContinuousBackupsRequest) r).tableName());
      return Reply.json(continuousBackups(true));
    });

    stub.on("GetRole", r -> {
      String name = ((GetRoleRequest) r).roleName();
      return trust.containsKey(name) ? Reply.xml(roleXml("GetRole", name, trust.get(name)))
          : Reply.xmlError(404, "NoSuchEntity");
    });
    stub.on("CreateRole", r -> {
      CreateRoleRequest c = (CreateRoleRequest) r;
      trust.put(c.roleName(), c.assumeRolePolicyDocument());
      return Reply.xml(roleXml("CreateRole", c.roleName(), c.assumeRolePolicyDocument()));
    });
    stub.on("GetRolePolicy", r -> {
      GetRolePolicyRequest g = (GetRolePolicyRequest) r;
      String doc = policies.get(g.roleName() + "/" + g.policyName());
      return doc == null ? Reply.xmlError(404, "NoSuchEntity") : Reply.xml(
          "<GetRolePolicyResponse><GetRolePolicyResult><RoleName>" + g.roleName() + "</RoleName><PolicyName>"
              + g.policyName() + "</PolicyName><PolicyDocument>" + encode(doc) + "</PolicyDocument>"
              + "</GetRolePolicyResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetRolePolicyResponse>");
    });
    stub.on("PutRolePolicy", r -> {
      PutRolePolicyRequest p = (PutRolePolicyRequest) r;
      policies.put(p.roleName() + "/" + p.policyName(), p.policyDocument());
      return Reply.xml("<PutRolePolicyResponse><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></PutRolePolicyResponse>");
    });

    stub.on("DescribeStateMachine", r -> definition == null ? Reply.jsonError("StateMachineDoesNotExist")
        : Reply.json(JSON.createObjectNode().put("stateMachineArn", machineArn).put("name", stateMachineName)
            .put("definition", definition).put("roleArn", machineRole).put("type", "STANDARD")
            .put("status", "ACTIVE").put("creationDate", EPOCH).toString()));
    stub.on("CreateStateMachine", r -> {
      CreateStateMachineRequest c = (CreateStateMachineRequest) r;
      definition = c.definition();
      machineRole = c.roleArn();
      versions = 1;
      return Reply.json(JSON.createObjectNode().put("stateMachineArn", machineArn).put("creationDate", EPOCH)
          .put("stateMachineVersionArn", machineArn + ":1").toString());
    });
    stub.on("UpdateStateMachine", r -> {
      UpdateStateMachineRequest u = (UpdateStateMachineRequest) r;
      definition = u.definition();
      machineRole = u.roleArn();
      versions++;
      return Reply.json(JSON.createObjectNode().put("updateDate", EPOCH)
          .put("stateMachineVersionArn", machineArn + ":" + versions).toString());
    });
    stub.on("ListStateMachineVersions", r -> {
      ObjectNode body = JSON.createObjectNode();
      ArrayNode list = body.putArray("stateMachineVersions");
      if (versions > 0) {
        list.addObject().put("stateMachineVersionArn", machineArn + ":" + versions).put("creationDate", EPOCH);
      }
      return Reply.json(body.toString());
    });
    stub.on("DescribeStateMachineAlias", r -> {
      if (aliasVersion == null) {
        return Reply.jsonError("ResourceNotFound");
      }
      ObjectNode body = JSON.createObjectNode().put("stateMachineAliasArn", machineArn + ":live").put("name", "live");
      body.putArray("routingConfiguration").addObject().put("stateMachineVersionArn", aliasVersion).put("weight", 100);
      return Reply.json(body.toString());
    });
    stub.on("CreateStateMachineAlias", r -> {
      aliasVersion = ((CreateStateMachineAliasRequest) r).routingConfiguration().get(0).stateMachineVersionArn();
      return Reply.json(JSON.createObjectNode().put("stateMachineAliasArn", machineArn + ":live")
          .put("creationDate", EPOCH).toString());
    });
    stub.on("UpdateStateMachineAlias", r -> {
      aliasVersion = ((UpdateStateMachineAliasRequest) r).routingConfiguration().get(0).stateMachineVersionArn();
      return Reply.json(JSON.createObjectNode().put("updateDate", EPOCH).toString());
    });

    stub.on("GetSchedule", r -> scheduleTarget == null ? Reply.restError(404, "ResourceNotFoundException")
        : Reply.rest(scheduleJson()));
    stub.on("CreateSchedule", r -> {
      CreateScheduleRequest c = (CreateScheduleRequest) r;
      scheduleTarget = c.target();
      scheduleExpression = c.scheduleExpression();
      scheduleTimeZone = c.scheduleExpressionTimezone();
      return Reply.rest("{\"ScheduleArn\":\"arn:aws:scheduler:eu-west-1:123456789012:schedule/default/" + c.name() + "\"}");
    });
    stub.on("UpdateSchedule", r -> {
      UpdateScheduleRequest u = (UpdateScheduleRequest) r;
      scheduleTarget = u.target();
      scheduleExpression = u.scheduleExpression();
      scheduleTimeZone = u.scheduleExpressionTimezone();
      return Reply.rest("{\"ScheduleArn\":\"arn:aws:scheduler:eu-west-1:123456789012:schedule/default/" + u.name() + "\"}");
    });
  }

  private String scheduleJson() {
    ObjectNode body = JSON.createObjectNode().put("ScheduleExpression", scheduleExpression)
        .put("ScheduleExpressionTimezone", scheduleTimeZone).put("State", "ENABLED");
    body.putObject("FlexibleTimeWindow").put("Mode", "OFF");
    ObjectNode target = body.putObject("Target").put("Arn", scheduleTarget.arn())
        .put("RoleArn", scheduleTarget.roleArn()).put("Input", scheduleTarget.input());
    target.putObject("RetryPolicy").put("MaximumRetryAttempts", scheduleTarget.retryPolicy().maximumRetryAttempts())
        .put("MaximumEventAgeInSeconds", scheduleTarget.retryPolicy().maximumEventAgeInSeconds());
    if (scheduleTarget.deadLetterConfig() != null) {
      target.putObject("DeadLetterConfig").put("Arn", scheduleTarget.deadLetterConfig().arn());
    }
    return body.toString();
  }

  private static String continuousBackups(boolean enabled) {
    return "{\"ContinuousBackupsDescription\":{\"ContinuousBackupsStatus\":\"ENABLED\","
        + "\"PointInTimeRecoveryDescription\":{\"PointInTimeRecoveryStatus\":\"" + (enabled ? "ENABLED" : "DISABLED") + "\"}}}";
  }

  static String roleArn(String name) {
    return "arn:aws:iam::" + AwsStub.ACCOUNT + ":role/" + name;
  }

  private static String roleXml(String operation, String name, String trustDocument) {
    return "<" + operation + "Response><" + operation + "Result><Role><Path>/</Path><RoleName>" + name
        + "</RoleName><RoleId>AROASTUB</RoleId><Arn>" + roleArn(name) + "</Arn><CreateDate>2026-01-01T00:00:00Z</CreateDate>"
        + "<AssumeRolePolicyDocument>" + encode(trustDocument) + "</AssumeRolePolicyDocument></Role></" + operation
        + "Result><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></" + operation + "Response>";
  }

  /** IAM returns policy documents URL-encoded. */
  private static String encode(String document) {
    return URLEncoder.encode(document, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
