package dev.ferry.tasks.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import Ferry.InvalidInput;
import dev.ferry.testing.aws.Moto;
import dev.ferry.testing.aws.MotoServer;
import dev.ferry.testing.aws.RecordedRequests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;

/** RDS-style database secrets read through the real client from moto's Secrets Manager. */
@ExtendWith(Moto.class)
class SecretsManagerDatabaseSecretsTest {

  private final RecordedRequests recorded = new RecordedRequests();
  private SecretsManagerClient client;
  private SecretsManagerDatabaseSecrets adapter;

  @BeforeEach
  void connect(MotoServer moto) {
    client = moto.client(SecretsManagerClient.builder(), recorded);
    adapter = new SecretsManagerDatabaseSecrets(client);
  }

  @AfterEach
  void close() {
    client.close();
  }

  private String secret(String name, String value) {
    String arn = client.createSecret(r -> r.name(name).secretString(value)).arn();
    recorded.clear();
    return arn;
  }

  @Test
  void readsAnRdsSecretByArnAndNeverPrintsThePassword() {
    String arn = secret("orders", "{\"engine\":\"postgres\",\"host\":\"db.internal\",\"port\":6432,"
        + "\"dbname\":\"orders\",\"username\":\"migrator\",\"password\":\"s3cret\"}");

    var credentials = adapter.resolve(arn);

    assertThat(credentials.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6432/orders");
    assertThat(credentials.user()).isEqualTo("migrator");
    assertThat(credentials.password()).isEqualTo("s3cret");
    assertThat(credentials.toString()).doesNotContain("s3cret");
    assertThat(recorded.sent(GetSecretValueRequest.class)).singleElement()
        .satisfies(r -> assertThat(r.secretId()).isEqualTo(arn));
  }

  @Test
  void aMissingSecretOrFieldIsNamed() {
    String noUser = secret("nouser", "{\"host\":\"db.internal\",\"password\":\"s3cret\"}");
    String mysql = secret("mysql", "{\"engine\":\"mysql\",\"host\":\"h\",\"username\":\"u\",\"password\":\"p\"}");
    assertThatThrownBy(() -> adapter.resolve("arn:aws:secretsmanager:us-east-1:123456789012:secret:gone-AbCdEf"))
        .isInstanceOf(InvalidInput.class).hasMessageContaining("secretArn").hasMessageContaining("gone");
    assertThatThrownBy(() -> adapter.resolve(noUser))
        .isInstanceOf(InvalidInput.class).hasMessageContaining("'username'").hasMessageNotContaining("s3cret");
    assertThatThrownBy(() -> adapter.resolve(mysql))
        .isInstanceOf(InvalidInput.class).hasMessageContaining("engine 'mysql'");
  }
}
