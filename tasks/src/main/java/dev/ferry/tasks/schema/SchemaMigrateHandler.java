package dev.ferry.tasks.schema;

import Ferry.UpgradeFailed;
import com.amazonaws.services.lambda.runtime.Context;
import dev.ferry.tasks.FerryHandler;
import dev.ferry.tasks.aws.AwsAdapters;
import dev.ferry.tasks.Fields;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * {@code ferry-schema-migrate}: applies the versioned SQL migrations at {@code location}
 * ({@code classpath:db/demo} in this jar, or {@code filesystem:...}) up to {@code targetVersion}.
 *
 * <p>Flyway records each applied migration in {@code flyway_schema_history} in the same transaction
 * as the migration itself (PostgreSQL has transactional DDL), so a call cut off half-way leaves the
 * interrupted migration unapplied, and the next call applies exactly what is missing.
 */
public final class SchemaMigrateHandler
    extends FerryHandler<SchemaMigrateHandler.Input, SchemaMigrateHandler.Output> {

  public record Input(String secretArn, String location, String targetVersion) {}

  public record Output(String fromVersion, String toVersion, int applied) {}

  private final DatabaseSecrets secrets;

  /** On AWS: the adapters over the SDK clients (the Lambda runtime calls this). */
  public SchemaMigrateHandler() {
    this(AwsAdapters.databaseSecrets());
  }

  public SchemaMigrateHandler(DatabaseSecrets secrets) {
    this.secrets = secrets;
  }

  @Override
  public Output handleRequest(Input input, Context context) {
    DbCredentials credentials = secrets.resolve(Fields.text(input.secretArn(), "secretArn"));
    String location = Fields.text(input.location(), "location");
    String targetVersion = Fields.text(input.targetVersion(), "targetVersion");
    Flyway flyway = Flyway.configure()
        .dataSource(credentials.jdbcUrl(), credentials.user(), credentials.password())
        .locations(location)
        .target(targetVersion)
        .failOnMissingLocations(true)
        .load();
    try {
      MigrationInfo current = flyway.info().current();
      String from = current == null ? "0" : current.getVersion().getVersion();
      MigrateResult result = flyway.migrate();
      MigrationInfo now = flyway.info().current();
      String to = now == null ? "0" : now.getVersion().getVersion();
      if (!sameVersion(to, targetVersion)) {
        throw new UpgradeFailed("schema is at version " + to + " after migrating " + location
            + ", not at targetVersion " + targetVersion + "; check the location holds V" + targetVersion + "__*.sql");
      }
      return new Output(from, to, result.migrationsExecuted);
    } catch (FlywayException e) {
      throw new UpgradeFailed("migrating " + credentials.jdbcUrl() + " with " + location + " to " + targetVersion
          + " failed: " + e.getMessage(), e);
    }
  }

  private static boolean sameVersion(String a, String b) {
    return MigrationVersion.fromVersion(a).equals(MigrationVersion.fromVersion(b));
  }
}
