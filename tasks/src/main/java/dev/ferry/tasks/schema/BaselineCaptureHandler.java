package dev.ferry.tasks.schema;

import Ferry.InvalidInput;
import com.amazonaws.services.lambda.runtime.Context;
import dev.ferry.tasks.FerryHandler;
import dev.ferry.tasks.aws.AwsAdapters;
import dev.ferry.tasks.Fields;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ferry-baseline-capture}: row count and checksum of each table, taken after the writers are
 * paused, for verify to compare against. Read-only, so repeating it is harmless.
 */
public final class BaselineCaptureHandler
    extends FerryHandler<BaselineCaptureHandler.Input, BaselineCaptureHandler.Output> {

  public record Input(String secretArn, List<String> tables) {}

  public record Output(Map<String, TableBaseline> baseline) {}

  private final DatabaseSecrets secrets;

  /** On AWS: the adapters over the SDK clients (the Lambda runtime calls this). */
  public BaselineCaptureHandler() {
    this(AwsAdapters.databaseSecrets());
  }

  public BaselineCaptureHandler(DatabaseSecrets secrets) {
    this.secrets = secrets;
  }

  @Override
  public Output handleRequest(Input input, Context context) {
    DbCredentials credentials = secrets.resolve(Fields.text(input.secretArn(), "secretArn"));
    List<String> tables = Fields.nonEmpty(input.tables(), "tables");
    Map<String, TableBaseline> baseline = new LinkedHashMap<>();
    try (Connection c = credentials.connect()) {
      c.setReadOnly(true);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      c.setAutoCommit(false);
      for (int i = 0; i < tables.size(); i++) {
        String table = Fields.text(tables.get(i), "tables[" + i + "]");
        List<String> columns = Tables.columns(c, table);
        if (columns.isEmpty()) {
          throw new InvalidInput("tables[" + i + "]: table '" + table + "' does not exist in " + credentials.jdbcUrl());
        }
        baseline.put(table, Tables.measure(c, table, columns));
      }
      c.commit();
    } catch (SQLException e) {
      throw new Ferry.DatabaseUnavailable("baseline of " + credentials.jdbcUrl() + " failed: " + e.getMessage(), e);
    }
    return new Output(baseline);
  }
}
