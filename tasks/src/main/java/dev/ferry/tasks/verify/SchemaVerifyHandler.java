package dev.ferry.tasks.verify;

import Ferry.VerificationFailed;
import com.amazonaws.services.lambda.runtime.Context;
import dev.ferry.tasks.FerryHandler;
import dev.ferry.tasks.aws.AwsAdapters;
import dev.ferry.tasks.Fields;
import dev.ferry.tasks.schema.DatabaseSecrets;
import dev.ferry.tasks.schema.DbCredentials;
import dev.ferry.tasks.schema.TableBaseline;
import dev.ferry.tasks.schema.Tables;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.flywaydb.core.api.MigrationVersion;

/**
 * {@code ferry-schema-verify}: the schema version is the expected one, the expected tables have the
 * expected columns, and every baseline table still has its row count and checksum (over the columns
 * it had at the baseline). Any failed check fails the step with {@code Ferry.VerificationFailed}
 * listing the failed checks; read-only, so repeating it is harmless.
 */
public final class SchemaVerifyHandler
    extends FerryHandler<SchemaVerifyHandler.Input, SchemaVerifyHandler.Output> {

  public record Input(String secretArn, String expectedVersion, Map<String, List<String>> tables,
      Map<String, TableBaseline> baseline) {}

  public record Output(boolean ok, List<Check> checks) {}

  private final DatabaseSecrets secrets;

  /** On AWS: the adapters over the SDK clients (the Lambda runtime calls this). */
  public SchemaVerifyHandler() {
    this(AwsAdapters.databaseSecrets());
  }

  public SchemaVerifyHandler(DatabaseSecrets secrets) {
    this.secrets = secrets;
  }

  @Override
  public Output handleRequest(Input input, Context context) {
    DbCredentials credentials = secrets.resolve(Fields.text(input.secretArn(), "secretArn"));
    String expectedVersion = Fields.text(input.expectedVersion(), "expectedVersion");
    Map<String, List<String>> tables = input.tables() == null ? Map.of() : input.tables();
    Map<String, TableBaseline> baseline = input.baseline() == null ? Map.of() : input.baseline();
    List<Check> checks = new ArrayList<>();
    try (Connection c = credentials.connect()) {
      String version = Tables.flywayVersion(c).orElse("none");
      checks.add(new Check("schema version", !version.equals("none")
          && MigrationVersion.fromVersion(version).equals(MigrationVersion.fromVersion(expectedVersion)),
          expectedVersion, version));
      for (var table : tables.entrySet()) {
        List<String> actual = Tables.columns(c, table.getKey());
        List<String> missing = table.getValue().stream().filter(col -> !actual.contains(col)).toList();
        checks.add(new Check("columns of " + table.getKey(), !actual.isEmpty() && missing.isEmpty(),
            String.join(",", table.getValue()),
            actual.isEmpty() ? "table missing" : missing.isEmpty() ? String.join(",", actual) : "missing " + missing));
      }
      for (var table : baseline.entrySet()) {
        TableBaseline before = table.getValue();
        List<String> actual = Tables.columns(c, table.getKey());
        if (!actual.containsAll(before.columns())) {
          checks.add(new Check("data of " + table.getKey(), false, "columns " + before.columns(),
              actual.isEmpty() ? "table missing" : "columns " + actual));
          continue;
        }
        TableBaseline now = Tables.measure(c, table.getKey(), before.columns());
        checks.add(new Check("rows of " + table.getKey(), now.rows() == before.rows(),
            Long.toString(before.rows()), Long.toString(now.rows())));
        checks.add(new Check("checksum of " + table.getKey(), now.checksum().equals(before.checksum()),
            before.checksum(), now.checksum()));
      }
    } catch (SQLException e) {
      throw new Ferry.DatabaseUnavailable("verifying " + credentials.jdbcUrl() + " failed: " + e.getMessage(), e);
    }
    List<Check> failed = checks.stream().filter(check -> !check.ok()).toList();
    if (!failed.isEmpty()) {
      throw new VerificationFailed(failed.stream()
          .map(f -> f.name() + ": expected " + f.expected() + ", found " + f.actual())
          .collect(Collectors.joining("; ")));
    }
    return new Output(true, checks);
  }
}
