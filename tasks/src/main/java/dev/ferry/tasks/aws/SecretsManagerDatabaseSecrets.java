package dev.ferry.tasks.aws;

import Ferry.InvalidInput;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.tasks.Json;
import dev.ferry.tasks.schema.DatabaseSecrets;
import dev.ferry.tasks.schema.DbCredentials;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Database credentials from an RDS-style Secrets Manager secret: a JSON string with {@code host},
 * {@code port}, {@code dbname}, {@code username}, {@code password} and optionally {@code engine}.
 * Errors name the missing field, never a value.
 */
public final class SecretsManagerDatabaseSecrets implements DatabaseSecrets {

  private final SecretsManagerClient secrets;

  public SecretsManagerDatabaseSecrets(SecretsManagerClient secrets) {
    this.secrets = secrets;
  }

  @Override
  public DbCredentials resolve(String secretArn) {
    String value;
    try {
      value = secrets.getSecretValue(r -> r.secretId(secretArn)).secretString();
    } catch (ResourceNotFoundException e) {
      throw new InvalidInput("secretArn: secret " + secretArn + " does not exist or has no current version", e);
    }
    JsonNode secret;
    try {
      secret = Json.mapper().readTree(value == null ? "" : value);
    } catch (Exception e) {
      throw new InvalidInput("secretArn: secret " + secretArn + " is not a JSON object with host, port, dbname,"
          + " username and password");
    }
    if (secret == null || !secret.isObject()) {
      throw new InvalidInput("secretArn: secret " + secretArn + " is not a JSON object");
    }
    String engine = secret.path("engine").asText("postgres");
    if (!engine.contains("postgres")) {
      throw new InvalidInput("secretArn: secret " + secretArn + " is for engine '" + engine
          + "'; Ferry's schema tasks support PostgreSQL");
    }
    String host = field(secret, "host", secretArn);
    String port = secret.hasNonNull("port") ? secret.get("port").asText() : "5432";
    String dbname = secret.hasNonNull("dbname") ? secret.get("dbname").asText() : "postgres";
    return new DbCredentials("jdbc:postgresql://" + host + ":" + port + "/" + dbname,
        field(secret, "username", secretArn), field(secret, "password", secretArn));
  }

  private static String field(JsonNode secret, String name, String arn) {
    if (!secret.hasNonNull(name) || secret.get(name).asText().isBlank()) {
      throw new InvalidInput("secretArn: secret " + arn + " has no '" + name + "' field; store the RDS secret format");
    }
    return secret.get(name).asText();
  }
}
