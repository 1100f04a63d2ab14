package dev.ferry.tasks.local;

import Ferry.InvalidInput;
import dev.ferry.tasks.schema.DatabaseSecrets;
import dev.ferry.tasks.schema.DbCredentials;

/**
 * Local stand-in for Secrets Manager: the secret ARN {@code arn:aws:secretsmanager:local:000000000000:secret:<database>}
 * resolves to the embedded PostgreSQL's credentials for that database.
 */
public final class LocalSecrets implements DatabaseSecrets {

  private static final String PREFIX = "arn:aws:secretsmanager:local:000000000000:secret:";

  private final LocalPostgres postgres;

  public LocalSecrets(LocalPostgres postgres) {
    this.postgres = postgres;
  }

  /** The local secret ARN that resolves to {@code database}. */
  public static String arnFor(String database) {
    return PREFIX + database;
  }

  @Override
  public DbCredentials resolve(String secretArn) {
    if (!secretArn.startsWith(PREFIX) || secretArn.length() == PREFIX.length()) {
      throw new InvalidInput("secretArn: '" + secretArn + "' is not a local secret; locally use "
          + PREFIX + "<database>");
    }
    String database = secretArn.substring(PREFIX.length());
    return new DbCredentials(postgres.jdbcUrl(database), postgres.user(), postgres.password());
  }
}
