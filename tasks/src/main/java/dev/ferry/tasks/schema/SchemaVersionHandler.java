package dev.ferry.tasks.schema;

import Ferry.DatabaseUnavailable;
import com.amazonaws.services.lambda.runtime.Context;
import dev.ferry.tasks.FerryHandler;
import dev.ferry.tasks.Fields;
import dev.ferry.tasks.aws.AwsAdapters;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;

/**
 * {@code ferry-schema-version}: where the database's schema is against {@code targetVersion}, read
 * from Flyway's history without changing anything. {@code upToDate} when the schema is at the target
 * version or past it: the check a migration runs first to find there is nothing to do.
 */
public final class SchemaVersionHandler extends FerryHandler<SchemaVersionHandler.Input, SchemaVersionHandler.Output> {

  public record Input(String secretArn, String location, String targetVersion) {}

  public record Output(String currentVersion, String targetVersion, boolean upToDate) {}

  private final DatabaseSecrets secrets;

  /** On AWS: the adapters over the SDK clients (the Lambda runtime calls this). */
  public SchemaVersionHandler() {
    this(AwsAdapters.databaseSecrets());
  }

  public SchemaVersionHandler(DatabaseSecrets secrets) {
    this.secrets = secrets;
  }

  @Override
  public Output handleRequest(Input input, Context context) {
    DbCredentials credentials = secrets.resolve(Fields.text(input.secretArn(), "secretArn"));
    String location = Fields.text(input.location(), "location");
    String target = Fields.text(input.targetVersion(), "targetVersion");
    try {
      MigrationInfo current = Flyway.configure()
          .dataSource(credentials.jdbcUrl(), credentials.user(), credentials.password())
          .locations(location)
          .load()
          .info()
          .current();
      String version = current == null ? "0" : current.getVersion().getVersion();
      boolean upToDate = MigrationVersion.fromVersion(version).isAtLeast(target);
      return new Output(version, target, upToDate);
    } catch (FlywayException e) {
      throw new DatabaseUnavailable("reading the schema version of " + credentials.jdbcUrl() + " failed: " + e.getMessage(), e);
    }
  }
}
