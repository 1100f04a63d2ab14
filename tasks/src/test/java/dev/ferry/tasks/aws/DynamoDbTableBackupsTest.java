package dev.ferry.tasks.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import Ferry.BackupNotFound;
import Ferry.TableNotFound;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.tasks.Json;
import dev.ferry.tasks.backup.BackupCreateHandler;
import dev.ferry.tasks.backup.BackupRestoreHandler;
import dev.ferry.tasks.backup.BackupStatusHandler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateBackupRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableRequest;
import software.amazon.awssdk.services.dynamodb.model.RestoreTableFromBackupRequest;

/** DynamoDB backups through the real SDK client against a stub DynamoDB (JSON 1.0) on 127.0.0.1. */
class DynamoDbTableBackupsTest {

  /** Table name -> [status, source backup arn or "", restore in progress]. */
  private final Map<String, String[]> tables = new LinkedHashMap<>();
  /** Backup arn -> [name, table, status]. */
  private final Map<String, String[]> backups = new LinkedHashMap<>();
  private final AwsStub stub = new AwsStub(this::handle);
  private final DynamoDbClient dynamoDb = stub.client(DynamoDbClient.builder());
  private final DynamoDbTableBackups adapter = new DynamoDbTableBackups(dynamoDb);

  @AfterEach
  void close() {
    dynamoDb.close();
    stub.close();
  }

  private AwsStub.Reply handle(AwsStub.Request request) {
    try {
      String action = request.headers().get("x-amz-target").replace("DynamoDB_20120810.", "");
      JsonNode body = Json.mapper().readTree(request.body());
      return switch (action) {
        case "ListBackups" -> {
          List<Map<String, Object>> summaries = new ArrayList<>();
          backups.forEach((arn, b) -> {
            if (b[1].equals(body.path("TableName").asText())) {
              summaries.add(Map.of("BackupArn", arn, "BackupName", b[0], "BackupStatus", b[2], "TableName", b[1]));
            }
          });
          yield json(Map.of("BackupSummaries", summaries));
        }
        case "CreateBackup" -> {
          String table = body.get("TableName").asText();
          if (!tables.containsKey(table)) {
            yield error("TableNotFoundException", "Table not found: " + table);
          }
          String arn = "arn:aws:dynamodb:us-east-1:123456789012:table/" + table + "/backup/0" + backups.size();
          backups.put(arn, new String[] {body.get("BackupName").asText(), table, "CREATING"});
          yield json(Map.of("BackupDetails", Map.of("BackupArn", arn, "BackupName", body.get("BackupName").asText(),
              "BackupStatus", "CREATING")));
        }
        case "DescribeBackup" -> {
          String[] b = backups.get(body.get("BackupArn").asText());
          if (b == null) {
            yield error("BackupNotFoundException", "Backup not found");
          }
          String status = b[2];
          b[2] = "AVAILABLE";
          yield json(Map.of("BackupDescription", Map.of("BackupDetails",
              Map.of("BackupArn", body.get("BackupArn").asText(), "BackupName", b[0], "BackupStatus", status))));
        }
        case "DescribeTable" -> {
          String name = body.get("TableName").asText();
          String[] t = tables.get(name);
          if (t == null) {
            yield error("ResourceNotFoundException", "Requested resource not found");
          }
          Map<String, Object> table = new LinkedHashMap<>(Map.of("TableName", name, "TableStatus", t[0]));
          if (!t[1].isEmpty()) {
            table.put("RestoreSummary", Map.of("SourceBackupArn", t[1], "RestoreDateTime", 1.7e9,
                "RestoreInProgress", Boolean.parseBoolean(t[2])));
          }
          // The next look sees the table one step further on.
          if (t[0].equals("DELETING")) {
            tables.remove(name);
          } else {
            t[0] = "ACTIVE";
            t[2] = "false";
          }
          yield json(Map.of("Table", table));
        }
        case "DeleteTable" -> {
          tables.get(body.get("TableName").asText())[0] = "DELETING";
          yield json(Map.of("TableDescription", Map.of("TableStatus", "DELETING")));
        }
        case "RestoreTableFromBackup" -> {
          String name = body.get("TargetTableName").asText();
          if (tables.containsKey(name)) {
            yield error("TableAlreadyExistsException", "Table already exists");
          }
          tables.put(name, new String[] {"CREATING", body.get("BackupArn").asText(), "true"});
          yield json(Map.of("TableDescription", Map.of("TableStatus", "CREATING")));
        }
        default -> error("UnknownOperationException", action);
      };
    } catch (Exception e) {
      return new AwsStub.Reply(500, "application/x-amz-json-1.0", "{\"message\":\"" + e + "\"}");
    }
  }

  private static AwsStub.Reply json(Object value) throws Exception {
    return new AwsStub.Reply(200, "application/x-amz-json-1.0", Json.mapper().writeValueAsString(value));
  }

  private static AwsStub.Reply error(String type, String message) {
    return new AwsStub.Reply(400, "application/x-amz-json-1.0",
        "{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + type + "\",\"message\":\"" + message + "\"}");
  }

  @Test
  void createIsIdempotentByTheExecutionsBackupName() {
    tables.put("AuroraRestoreState", new String[] {"ACTIVE", "", "false"});
    var create = new BackupCreateHandler(adapter);

    var first = create.handleRequest(new BackupCreateHandler.Input("AuroraRestoreState", "run-1"), null);
    var second = create.handleRequest(new BackupCreateHandler.Input("AuroraRestoreState", "run-1"), null);

    assertThat(second.backupArn()).isEqualTo(first.backupArn());
    assertThat(stub.sent(CreateBackupRequest.class)).singleElement()
        .satisfies(r -> assertThat(r.backupName()).startsWith("ferry-aurorarestorestate-run-1-"));
    assertThat(new BackupStatusHandler(adapter).handleRequest(new BackupStatusHandler.Input(first.backupArn()), null).status())
        .isEqualTo("CREATING");
    assertThatThrownBy(() -> create.handleRequest(new BackupCreateHandler.Input("Missing", "run-1"), null))
        .isInstanceOf(TableNotFound.class).hasMessageContaining("Missing");
    assertThatThrownBy(() -> new BackupStatusHandler(adapter).handleRequest(new BackupStatusHandler.Input("arn:x"), null))
        .isInstanceOf(BackupNotFound.class);
  }

  @Test
  void restoreDeletesTheTableRestoresUnderItsNameAndARedriveFindsItDone() {
    tables.put("AuroraRestoreAudit", new String[] {"ACTIVE", "", "false"});
    String arn = "arn:aws:dynamodb:us-east-1:123456789012:table/AuroraRestoreAudit/backup/01";
    backups.put(arn, new String[] {"ferry-x", "AuroraRestoreAudit", "AVAILABLE"});
    var restore = new BackupRestoreHandler(adapter);
    var input = new BackupRestoreHandler.Input(arn, "AuroraRestoreAudit", "run-2");

    List<String> phases = new ArrayList<>();
    for (int call = 0; call < 10; call++) {
      var out = restore.handleRequest(input, null);
      phases.add(out.phase());
      if (out.done()) {
        break;
      }
    }
    stub.clear();
    var redrive = restore.handleRequest(input, null);

    assertThat(phases).containsSubsequence("deleting-current", "restoring", "restored");
    assertThat(redrive.done()).isTrue();
    assertThat(stub.sent(DeleteTableRequest.class)).as("the restored table is never deleted").isEmpty();
    assertThat(stub.sent(RestoreTableFromBackupRequest.class)).isEmpty();
  }
}
