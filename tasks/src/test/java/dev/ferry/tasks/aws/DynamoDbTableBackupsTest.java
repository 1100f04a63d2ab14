package dev.ferry.tasks.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import Ferry.BackupNotFound;
import Ferry.TableNotFound;
import dev.ferry.tasks.backup.BackupCreateHandler;
import dev.ferry.tasks.backup.BackupRestoreHandler;
import dev.ferry.tasks.backup.BackupStatusHandler;
import dev.ferry.testing.aws.Moto;
import dev.ferry.testing.aws.MotoServer;
import dev.ferry.testing.aws.RecordedRequests;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateBackupRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.RestoreTableFromBackupRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** DynamoDB backups and restores through the real SDK client against moto's DynamoDB. */
@ExtendWith(Moto.class)
class DynamoDbTableBackupsTest {

  private final RecordedRequests recorded = new RecordedRequests();
  private DynamoDbClient dynamoDb;
  private DynamoDbTableBackups adapter;

  @BeforeEach
  void connect(MotoServer moto) {
    dynamoDb = moto.client(DynamoDbClient.builder(), recorded);
    adapter = new DynamoDbTableBackups(dynamoDb);
  }

  @AfterEach
  void close() {
    dynamoDb.close();
  }

  private void table(String name, String... ids) {
    dynamoDb.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
        .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
        .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S)));
    for (String id : ids) {
      put(name, id);
    }
  }

  private void put(String table, String id) {
    dynamoDb.putItem(r -> r.tableName(table).item(Map.of("id", AttributeValue.fromS(id))));
  }

  private List<String> ids(String table) {
    return dynamoDb.scan(r -> r.tableName(table)).items().stream().map(i -> i.get("id").s()).sorted().toList();
  }

  @Test
  void createIsIdempotentByTheExecutionsBackupName() {
    table("AuroraRestoreState", "op-1");
    var create = new BackupCreateHandler(adapter);

    var first = create.handleRequest(new BackupCreateHandler.Input("AuroraRestoreState", "run-1"), null);
    var second = create.handleRequest(new BackupCreateHandler.Input("AuroraRestoreState", "run-1"), null);

    assertThat(second.backupArn()).isEqualTo(first.backupArn());
    assertThat(recorded.sent(CreateBackupRequest.class)).singleElement()
        .satisfies(r -> assertThat(r.backupName()).startsWith("ferry-aurorarestorestate-run-1-"));
    assertThat(dynamoDb.listBackups(r -> r.tableName("AuroraRestoreState")).backupSummaries()).hasSize(1);
    assertThat(new BackupStatusHandler(adapter).handleRequest(new BackupStatusHandler.Input(first.backupArn()), null).status())
        .isEqualTo("AVAILABLE");
    assertThatThrownBy(() -> create.handleRequest(new BackupCreateHandler.Input("Missing", "run-1"), null))
        .isInstanceOf(TableNotFound.class).hasMessageContaining("Missing");
    assertThatThrownBy(() -> new BackupStatusHandler(adapter).handleRequest(new BackupStatusHandler.Input(
        "arn:aws:dynamodb:us-east-1:123456789012:table/AuroraRestoreState/backup/01700000000000-deadbeef"), null))
        .isInstanceOf(BackupNotFound.class);
  }

  @Test
  void restoreDeletesTheTableRestoresUnderItsNameAndARedriveFindsItDone() {
    table("AuroraRestoreAudit", "a-1", "a-2");
    String backup = new BackupCreateHandler(adapter)
        .handleRequest(new BackupCreateHandler.Input("AuroraRestoreAudit", "run-2"), null).backupArn();
    put("AuroraRestoreAudit", "written-after-the-backup");
    var restore = new BackupRestoreHandler(adapter);
    var input = new BackupRestoreHandler.Input(backup, "AuroraRestoreAudit", "run-2");

    List<String> phases = new ArrayList<>();
    for (int call = 0; call < 10; call++) {
      var out = restore.handleRequest(input, null);
      phases.add(out.phase());
      if (out.done()) {
        break;
      }
    }
    recorded.clear();
    var redrive = restore.handleRequest(input, null);

    assertThat(phases).containsSubsequence("deleting-current", "restoring", "restored");
    assertThat(ids("AuroraRestoreAudit")).containsExactly("a-1", "a-2");
    assertThat(redrive.done()).isTrue();
    assertThat(recorded.sent(DeleteTableRequest.class)).as("the restored table is never deleted").isEmpty();
    assertThat(recorded.sent(RestoreTableFromBackupRequest.class)).isEmpty();
  }

  @Test
  void aBackupOfAnotherTableIsNotMistakenForTheRestore() {
    table("AuroraRestoreState", "s-1");
    assertThatThrownBy(() -> new BackupRestoreHandler(adapter).handleRequest(new BackupRestoreHandler.Input(
        "arn:aws:dynamodb:us-east-1:123456789012:table/AuroraRestoreState/backup/01700000000000-deadbeef",
        "AuroraRestoreState", "run-3"), null))
        .isInstanceOf(BackupNotFound.class);
    assertThat(ids("AuroraRestoreState")).as("nothing was deleted").containsExactly("s-1");
  }
}
