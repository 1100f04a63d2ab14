package dev.ferry.deploy.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.deploy.CompiledMachine;
import dev.ferry.engine.ExecutionResult;
import dev.ferry.engine.LocalEngine;
import dev.ferry.tasks.FerryHandler;
import dev.ferry.tasks.Json;
import dev.ferry.tasks.approval.ApprovalRequestHandler;
import dev.ferry.tasks.aws.AwsWriters;
import dev.ferry.tasks.aws.DynamoDbTableBackups;
import dev.ferry.tasks.aws.LambdaFunctionVersions;
import dev.ferry.tasks.aws.RdsDatabaseSnapshots;
import dev.ferry.tasks.aws.SecretsManagerDatabaseSecrets;
import dev.ferry.tasks.backup.BackupCreateHandler;
import dev.ferry.tasks.backup.BackupRestoreHandler;
import dev.ferry.tasks.backup.BackupStatusHandler;
import dev.ferry.tasks.guard.NoOperationInProgressHandler;
import dev.ferry.tasks.lambdaversion.AliasRollbackHandler;
import dev.ferry.tasks.lambdaversion.PublishVersionHandler;
import dev.ferry.tasks.snapshot.CreateSnapshotHandler;
import dev.ferry.tasks.snapshot.RestoreSnapshotHandler;
import dev.ferry.tasks.snapshot.SnapshotStatusHandler;
import dev.ferry.tasks.writers.PauseWritersHandler;
import dev.ferry.tasks.writers.ResumeWritersHandler;
import dev.ferry.testing.aws.IamAuthorization;
import dev.ferry.testing.aws.Moto;
import dev.ferry.testing.aws.MotoServer;
import dev.ferry.testing.aws.RecordedRequests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The permissions a deploy grants match what the run does: each shipped migration is deployed to
 * moto, then run on the local engine with its task functions on their real AWS adapters and its
 * DynamoDB and IAM integrations sent to moto, once to success and once failing at its verify step
 * so every compensation runs. Every request is recorded and checked against the deployed policies
 * (the migration's own task policy, the machine role's policy); one they would refuse fails the test.
 */
@ExtendWith(Moto.class)
class TaskPermissionsTest {

  @TempDir Path dir;
  MotoAccount account;
  MotoWorld world;

  @BeforeEach
  void open(MotoServer moto) {
    account = new MotoAccount(moto, dir);
    world = new MotoWorld(moto);
  }

  @AfterEach
  void close() {
    world.close();
    account.close();
  }

  /** Each migration with the function whose failure makes the rollback run: its verify. */
  static List<String[]> shipped() {
    return List.of(
        new String[] {"postgres-schema-upgrade", "ferry-schema-verify"},
        new String[] {"metaflow-service-upgrade", "ferry-http-check"},
        new String[] {"aurora-restore-pipeline-upgrade", "aurora-restore-pipeline-verify"},
        new String[] {"pachyderm-major-migration", "pachyderm-verify-cluster"});
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shipped")
  void everyRequestOfARunAndItsRollbackIsAllowedByTheDeployedPolicies(String migration, String verify) throws Exception {
    CompiledMachine machine = MotoAccount.machine(migration);
    account.deploy(machine, Optional.empty());
    JsonNode tasksPolicy = account.tasksPolicy(migration);
    JsonNode machinePolicy = account.machinePolicy(migration);
    ObjectNode input = world.seed(migration, MotoAccount.exampleInput(migration));

    ExecutionResult success = run(machine, input, "run-ok", Optional.empty());
    assertThat(success.status().name()).as(success.toString()).isEqualTo("SUCCEEDED");
    ExecutionResult rolledBack = run(machine, input, "run-rollback", Optional.of(verify));
    assertThat(rolledBack.status().name()).as(rolledBack.toString()).isEqualTo("FAILED");

    IamAuthorization iam = new IamAuthorization(MotoServer.REGION.id(), MotoServer.ACCOUNT);
    assertThat(world.tasks.calls()).as("the task adapters made AWS requests").isNotEmpty();
    assertThat(iam.refused(List.of(tasksPolicy), world.tasks.calls()))
        .as("requests of the task functions the policy ferry-tasks-" + migration + " would refuse").isEmpty();
    assertThat(iam.refused(List.of(machinePolicy), world.machine.calls()))
        .as("requests of the state machine its role would refuse").isEmpty();
    assertThat(world.invoked).as("functions the run invoked").isNotEmpty().allSatisfy(function -> assertThat(
        IamAuthorization.allows(machinePolicy, new IamAuthorization.Need("lambda:InvokeFunction",
            account.target.arns().lambdaFunction(function)))).as("the machine role may invoke " + function).isTrue());
    world.expectations(migration).forEach(operation ->
        assertThat(world.tasks.operations()).as("the run reached " + operation).contains(operation));

    // The check can fail: without the statement that grants the first request, that request is refused.
    var first = iam.needs(world.tasks.calls().getFirst()).getFirst();
    assertThat(iam.refused(List.of(without(tasksPolicy, first)), world.tasks.calls()))
        .anySatisfy(refusal -> assertThat(refusal).contains(first.toString()));
  }

  private static JsonNode without(JsonNode policy, IamAuthorization.Need need) {
    ObjectNode copy = policy.deepCopy();
    var statements = (com.fasterxml.jackson.databind.node.ArrayNode) copy.get("Statement");
    for (int i = statements.size() - 1; i >= 0; i--) {
      ObjectNode single = copy.deepCopy();
      single.putArray("Statement").add(statements.get(i));
      if (IamAuthorization.allows(single, need)) {
        statements.remove(i);
      }
    }
    return copy;
  }

  private ExecutionResult run(CompiledMachine machine, ObjectNode input, String name, Optional<String> failing)
      throws Exception {
    LocalEngine[] engine = new LocalEngine[1];
    LocalEngine.Builder builder = LocalEngine.builder().virtualClock().dynamoDb(world.machineDynamoDb)
        .resolver("arn:aws:states:::aws-sdk:iam:", world::iamCall);
    Map<String, Function<JsonNode, JsonNode>> handlers = world.handlers(machine.migration(), () -> engine[0]);
    for (var handler : handlers.entrySet()) {
      Function<JsonNode, JsonNode> h = handler.getValue();
      boolean fails = failing.isPresent() && failing.get().equals(handler.getKey());
      builder.lambda(handler.getKey(), payload -> {
        world.invoked.add(handler.getKey());
        if (fails) {
          throw new IllegalStateException("injected failure of " + handler.getKey());
        }
        return h.apply(payload);
      });
    }
    engine[0] = builder.build();
    try {
      return engine[0].start(machine.definition(), name, input).await(Duration.ofMinutes(2));
    } finally {
      engine[0].close();
    }
  }

  /** What each migration's run touches in moto, and its task functions on their AWS adapters. */
  static final class MotoWorld implements AutoCloseable {
    final RecordedRequests tasks = new RecordedRequests();
    final RecordedRequests machine = new RecordedRequests();
    /** The functions the machine invoked: the local engine calls them in-process, so no request records it. */
    final java.util.Set<String> invoked = java.util.concurrent.ConcurrentHashMap.newKeySet();
    final MotoServer moto;
    final RdsClient rds;
    final DynamoDbClient dynamoDb;
    final LambdaClient lambda;
    final EcsClient ecs;
    final SecretsManagerClient secrets;
    final DynamoDbClient machineDynamoDb;
    final IamClient machineIam;
    final IamClient setupIam;

    MotoWorld(MotoServer moto) {
      this.moto = moto;
      rds = moto.client(RdsClient.builder(), tasks);
      dynamoDb = moto.client(DynamoDbClient.builder(), tasks);
      lambda = moto.client(LambdaClient.builder(), tasks);
      ecs = moto.client(EcsClient.builder(), tasks);
      secrets = moto.client(SecretsManagerClient.builder(), tasks);
      machineDynamoDb = moto.client(DynamoDbClient.builder(), machine);
      machineIam = moto.client(IamClient.builder().region(software.amazon.awssdk.regions.Region.AWS_GLOBAL), machine);
      setupIam = moto.client(IamClient.builder());
    }

    /** The resources the example input names, created in moto; the input adjusted where moto chooses a name. */
    ObjectNode seed(String migration, ObjectNode input) throws IOException {
      ObjectNode parameters = (ObjectNode) input.get("parameters");
      switch (migration) {
        case "postgres-schema-upgrade" -> {
          database(parameters.get("dbInstanceIdentifier").asText());
          String arn = secrets.createSecret(r -> r.name("ferry/orders-db").secretString(
              "{\"engine\":\"postgres\",\"host\":\"orders.db.internal\",\"port\":5432,\"dbname\":\"orders\","
                  + "\"username\":\"migrator\",\"password\":\"s3cret\"}")).arn();
          parameters.put("secretArn", arn);
          function("orders-writer", 3);
          service("orders", "orders-api", 2);
          parameters.set("writers", Json.mapper().readTree(
              "[{\"type\":\"lambda\",\"name\":\"orders-writer\"},{\"type\":\"ecs\",\"name\":\"orders-api\",\"cluster\":\"orders\"}]"));
        }
        case "metaflow-service-upgrade" -> {
          database(parameters.get("dbInstanceIdentifier").asText());
          JsonNode service = parameters.get("service");
          service(service.get("cluster").asText(), service.get("name").asText(), 2);
        }
        case "aurora-restore-pipeline-upgrade" -> {
          for (String table : List.of("AuroraRestoreState", "AuroraRestoreAudit")) {
            dynamoDb.createTable(r -> r.tableName(table).billingMode("PAY_PER_REQUEST")
                .keySchema(k -> k.attributeName("id").keyType("HASH"))
                .attributeDefinitions(a -> a.attributeName("id").attributeType("S")));
            dynamoDb.putItem(r -> r.tableName(table).item(Map.of(
                "id", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("op-1"),
                "status", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("COMPLETED"))));
          }
          setupIam.createRole(r -> r.roleName(parameters.get("pipelineRoleName").asText())
              .assumeRolePolicyDocument(Roles.trustPolicy("lambda.amazonaws.com")));
          String name = parameters.get("functionName").asText();
          function(name, null);
          lambda.publishVersion(r -> r.functionName(name));
          lambda.createAlias(r -> r.functionName(name).name("live").functionVersion("1"));
          codePackages(parameters.get("codeS3Bucket").asText(), "aurora-restore-pipeline");
        }
        default -> { }
      }
      tasks.clear();
      return input;
    }

    private void database(String id) {
      rds.createDBInstance(r -> r.dbInstanceIdentifier(id).dbInstanceClass("db.t3.medium").engine("postgres")
          .masterUsername("admin").masterUserPassword("password1").allocatedStorage(20));
    }

    private void function(String name, Integer reservedConcurrency) {
      String role = setupIam.createRole(r -> r.roleName(name + "-role")
          .assumeRolePolicyDocument(Roles.trustPolicy("lambda.amazonaws.com"))).role().arn();
      lambda.createFunction(r -> r.functionName(name).runtime("python3.12").role(role).handler("app.handle")
          .code(c -> c.zipFile(software.amazon.awssdk.core.SdkBytes.fromByteArray(zip("1.0")))));
      if (reservedConcurrency != null) {
        lambda.putFunctionConcurrency(r -> r.functionName(name).reservedConcurrentExecutions(reservedConcurrency));
      }
    }

    private void service(String cluster, String name, int desired) {
      ecs.createCluster(r -> r.clusterName(cluster));
      ecs.registerTaskDefinition(r -> r.family(name).containerDefinitions(c -> c.name(name).image("nginx").memory(128)));
      ecs.createService(r -> r.cluster(cluster).serviceName(name).taskDefinition(name).desiredCount(desired));
    }

    private void codePackages(String bucket, String prefix) {
      try (var s3 = moto.client(software.amazon.awssdk.services.s3.S3Client.builder().forcePathStyle(true))) {
        s3.createBucket(r -> r.bucket(bucket));
        for (String version : List.of("2.0", "3.0")) {
          s3.putObject(r -> r.bucket(bucket).key(prefix + "/" + version + "/function.zip"),
              software.amazon.awssdk.core.sync.RequestBody.fromBytes(zip(version)));
        }
      }
    }

    static byte[] zip(String version) {
      var bytes = new java.io.ByteArrayOutputStream();
      try (var zip = new java.util.zip.ZipOutputStream(bytes)) {
        zip.putNextEntry(new java.util.zip.ZipEntry("app.py"));
        zip.write(("VERSION = '" + version + "'\n").getBytes());
        zip.closeEntry();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return bytes.toByteArray();
    }

    /** Operations a run of the migration must have made, so the check is not passed by a run that did nothing. */
    List<String> expectations(String migration) {
      return switch (migration) {
        case "postgres-schema-upgrade" -> List.of("CreateDBSnapshot", "RestoreDBInstanceFromDBSnapshot", "PutFunctionConcurrency",
            "UpdateService", "GetSecretValue");
        case "metaflow-service-upgrade" -> List.of("CreateDBSnapshot", "RestoreDBInstanceFromDBSnapshot", "UpdateService");
        case "aurora-restore-pipeline-upgrade" -> List.of("CreateBackup", "RestoreTableFromBackup", "UpdateFunctionCode",
            "UpdateAlias", "Scan");
        default -> List.of("UpdateItem");
      };
    }

    JsonNode iamCall(dev.ferry.engine.TaskRequest request) {
      JsonNode p = request.parameters();
      String action = request.resource().substring(request.resource().lastIndexOf(':') + 1);
      switch (action) {
        case "putRolePolicy" -> machineIam.putRolePolicy(r -> r.roleName(p.get("RoleName").asText())
            .policyName(p.get("PolicyName").asText()).policyDocument(p.get("PolicyDocument").asText()));
        case "deleteRolePolicy" -> machineIam.deleteRolePolicy(r -> r.roleName(p.get("RoleName").asText())
            .policyName(p.get("PolicyName").asText()));
        default -> throw new IllegalArgumentException("no stand-in for iam:" + action);
      }
      return Json.mapper().createObjectNode();
    }

    /**
     * Shipped functions on their AWS adapters; functions that make no AWS call (HTTP checks, the
     * migration service) and the migration's own functions answer as the example's responses say.
     * The schema functions read their secret through the real adapter and answer for the database.
     */
    Map<String, Function<JsonNode, JsonNode>> handlers(String migration, java.util.function.Supplier<LocalEngine> engine)
        throws IOException {
      JsonNode responses = Json.mapper().readTree(Files.readString(
          Path.of("..", "state-machines", "examples", migration, "responses.json")));
      Map<String, Function<JsonNode, JsonNode>> handlers = new HashMap<>();
      responses.fieldNames().forEachRemaining(key -> {
        String name = key.split("@")[0];
        if (!name.startsWith("arn:")) {
          handlers.put(name, payload -> canned(responses, name, payload));
        }
      });
      RdsDatabaseSnapshots snapshots = new RdsDatabaseSnapshots(rds);
      DynamoDbTableBackups backups = new DynamoDbTableBackups(dynamoDb);
      AwsWriters writers = new AwsWriters(lambda, ecs);
      LambdaFunctionVersions versions = new LambdaFunctionVersions(lambda);
      SecretsManagerDatabaseSecrets databaseSecrets = new SecretsManagerDatabaseSecrets(secrets);
      handlers.put("ferry-db-snapshot-create", adapt(new CreateSnapshotHandler(snapshots)));
      handlers.put("ferry-db-snapshot-status", adapt(new SnapshotStatusHandler(snapshots)));
      handlers.put("ferry-db-snapshot-restore", adapt(new RestoreSnapshotHandler(snapshots)));
      handlers.put("ferry-dynamodb-backup-create", adapt(new BackupCreateHandler(backups)));
      handlers.put("ferry-dynamodb-backup-status", adapt(new BackupStatusHandler(backups)));
      handlers.put("ferry-dynamodb-backup-restore", adapt(new BackupRestoreHandler(backups)));
      handlers.put("ferry-writers-pause", adapt(new PauseWritersHandler(writers)));
      handlers.put("ferry-writers-resume", adapt(new ResumeWritersHandler(writers)));
      handlers.put("ferry-guard-no-operation-in-progress", adapt(new NoOperationInProgressHandler(dynamoDb)));
      handlers.put("ferry-lambda-version-publish", adapt(new PublishVersionHandler(versions)));
      handlers.put("ferry-lambda-alias-rollback", adapt(new AliasRollbackHandler(versions)));
      for (String schema : List.of("ferry-baseline-capture", "ferry-schema-migrate", "ferry-schema-verify")) {
        JsonNode answer = responses.path(schema);
        handlers.put(schema, payload -> {
          databaseSecrets.resolve(payload.get("secretArn").asText());
          return answer.deepCopy();
        });
      }
      Function<JsonNode, JsonNode> approval = adapt(new ApprovalRequestHandler(dynamoDb, "FerryProgress", Clock.systemUTC()));
      handlers.put("ferry-approval-request", payload -> {
        JsonNode out = approval.apply(payload);
        String token = payload.get("taskToken").asText();
        // The operator approves once the request is on the record, as ferry approve does.
        CompletableFuture.runAsync(() -> engine.get().sendTaskSuccess(token,
            Json.mapper().createObjectNode().put("approvedBy", "ops").put("comment", "checked")));
        return out;
      });
      return handlers;
    }

    /**
     * The example's answer for a function; of its per-step answers ({@code name@step}), the one that
     * names what the payload names (e.g. the same cluster).
     */
    private static JsonNode canned(JsonNode responses, String name, JsonNode payload) {
      List<JsonNode> variants = new java.util.ArrayList<>();
      responses.fieldNames().forEachRemaining(key -> {
        if (key.startsWith(name + "@")) {
          variants.add(responses.get(key));
        }
      });
      for (JsonNode variant : variants) {
        boolean agrees = true;
        for (var field : payload.properties()) {
          JsonNode answered = variant.get(field.getKey());
          if (answered != null && field.getValue().isValueNode() && !answered.equals(field.getValue())) {
            agrees = false;
          }
        }
        if (agrees) {
          return variant.deepCopy();
        }
      }
      return responses.get(name).deepCopy();
    }

    private static <I, O> Function<JsonNode, JsonNode> adapt(FerryHandler<I, O> handler) {
      return Json.adapt(handler, handler.inputType(), Json.mapper());
    }

    @Override
    public void close() {
      List.of(rds, dynamoDb, lambda, ecs, secrets, machineDynamoDb, machineIam, setupIam).forEach(c -> c.close());
    }
  }
}
