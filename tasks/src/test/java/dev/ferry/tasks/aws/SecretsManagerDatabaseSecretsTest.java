package dev.ferry.tasks.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import Ferry.InvalidInput;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;

class SecretsManagerDatabaseSecretsTest {

  private final Map<String, String> secrets = Map.of(
      "arn:aws:secretsmanager:us-east-1:1:secret:orders", "{\"engine\":\"postgres\",\"host\":\"db.internal\",\"port\":6432,"
          + "\"dbname\":\"orders\",\"username\":\"migrator\",\"password\":\"s3cret\"}",
      "arn:aws:secretsmanager:us-east-1:1:secret:nouser", "{\"host\":\"db.internal\",\"password\":\"s3cret\"}");
  private final AwsStub stub = new AwsStub(request -> {
    String id = request.body().replaceAll(".*\"SecretId\":\"([^\"]+)\".*", "$1");
    String value = secrets.get(id);
    if (value == null) {
      return new AwsStub.Reply(400, "application/x-amz-json-1.1",
          "{\"__type\":\"ResourceNotFoundException\",\"Message\":\"Secrets Manager can't find the specified secret.\"}");
    }
    return new AwsStub.Reply(200, "application/x-amz-json-1.1", "{\"ARN\":\"" + id + "\",\"SecretString\":"
        + dev.ferry.tasks.Json.mapper().getNodeFactory().textNode(value) + "}");
  });
  private final SecretsManagerClient client = stub.client(SecretsManagerClient.builder());
  private final SecretsManagerDatabaseSecrets adapter = new SecretsManagerDatabaseSecrets(client);

  @AfterEach
  void close() {
    client.close();
    stub.close();
  }

  @Test
  void readsAnRdsSecretByArnAndNeverPrintsThePassword() {
    var credentials = adapter.resolve("arn:aws:secretsmanager:us-east-1:1:secret:orders");

    assertThat(credentials.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6432/orders");
    assertThat(credentials.user()).isEqualTo("migrator");
    assertThat(credentials.password()).isEqualTo("s3cret");
    assertThat(credentials.toString()).doesNotContain("s3cret");
    assertThat(stub.sent(GetSecretValueRequest.class)).singleElement()
        .satisfies(r -> assertThat(r.secretId()).isEqualTo("arn:aws:secretsmanager:us-east-1:1:secret:orders"));
  }

  @Test
  void aMissingSecretOrFieldIsNamed() {
    assertThatThrownBy(() -> adapter.resolve("arn:aws:secretsmanager:us-east-1:1:secret:gone"))
        .isInstanceOf(InvalidInput.class).hasMessageContaining("secretArn").hasMessageContaining("gone");
    assertThatThrownBy(() -> adapter.resolve("arn:aws:secretsmanager:us-east-1:1:secret:nouser"))
        .isInstanceOf(InvalidInput.class).hasMessageContaining("'username'").hasMessageNotContaining("s3cret");
  }
}
