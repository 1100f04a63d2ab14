package dev.ferry.tasks.backfill;

import Ferry.DatabaseUnavailable;
import Ferry.InvalidInput;
import com.amazonaws.services.lambda.runtime.Context;
import dev.ferry.tasks.FerryHandler;
import dev.ferry.tasks.Fields;
import dev.ferry.tasks.aws.AwsAdapters;
import dev.ferry.tasks.schema.DatabaseSecrets;
import dev.ferry.tasks.schema.DbCredentials;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@code ferry-backfill-batch}: updates {@code table} ({@code SET <set>} on the rows matching
 * {@code where}) in batches of {@code batchSize} rows in key order, each batch one transaction that
 * also records the batch's last key and the running count in {@code ferry_backfill} in the same
 * database. A call runs batches for at most {@code maxSecondsPerCall} (default 60; never into the
 * Lambda timeout) and at most {@code maxBatchesPerCall} batches (default: no limit) and returns {@code done} once no row is left, so a poll loop drives it ({@code until
 * isTrue("done")}) with no call running long.
 *
 * <p>Exactly once: a batch's rows and its bookkeeping commit together, and every call starts from
 * the committed last key, so a retry, a redrive or a crash between (or inside) batches continues
 * where the database says it stopped, never updating a row twice. The backfill's identity is the
 * execution name with the table, key and statement, so a redrive of the same execution resumes
 * while a new execution starts a new backfill. Concurrent calls of one backfill (a retried call
 * while a timed-out one still runs) take turns on the bookkeeping row's lock.
 *
 * <p>Each call also writes {@code backfill: {table, rowsDone, estimatedTotal, updatedAt}} on the
 * target's progress item, which {@code ferry status} shows. That is a report: the bookkeeping row is
 * the truth, so a failed report does not fail the call.
 *
 * <p>{@code set} and {@code where} are SQL written by the migration's author, as in a versioned
 * migration script; {@code table} and {@code keyColumn} must be plain identifiers.
 */
public final class BackfillBatchHandler extends FerryHandler<BackfillBatchHandler.Input, BackfillBatchHandler.Output> {

  public record Input(String secretArn, String table, String keyColumn, String set, String where,
      Integer batchSize, Integer maxSecondsPerCall, Integer maxBatchesPerCall, String executionName, String target) {}

  /**
   * @param batches the batches this call committed
   * @param lastKey the last key committed so far (text), absent before the first batch
   */
  public record Output(boolean done, long rowsDone, long estimatedTotal, String lastKey, int batches) {}

  /** Ferry's own table in the target database: each backfill's last committed key and counts. */
  public static final String BOOKKEEPING = "ferry_backfill";
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");
  private static final int MAX_BATCH = 100_000;
  private static final int DEFAULT_SECONDS = 60;
  /** Stop starting batches this long before the Lambda timeout. */
  private static final Duration TIMEOUT_MARGIN = Duration.ofSeconds(30);

  private final DatabaseSecrets secrets;
  private final DynamoDbClient dynamoDb;
  private final String progressTable;
  private final Clock clock;

  /** On AWS: the adapters over the SDK clients, the progress table from {@code FERRY_PROGRESS_TABLE}. */
  public BackfillBatchHandler() {
    this(AwsAdapters.databaseSecrets(), AwsAdapters.dynamoDb(), AwsAdapters.progressTable(), Clock.systemUTC());
  }

  public BackfillBatchHandler(DatabaseSecrets secrets, DynamoDbClient dynamoDb, String progressTable, Clock clock) {
    this.secrets = secrets;
    this.dynamoDb = dynamoDb;
    this.progressTable = progressTable;
    this.clock = clock;
  }

  /** The backfill's committed state. */
  private record State(String lastKey, long rowsDone, long estimatedTotal, boolean done) {}

  @Override
  public Output handleRequest(Input input, Context context) {
    DbCredentials credentials = secrets.resolve(Fields.text(input.secretArn(), "secretArn"));
    String table = quoted(Fields.text(input.table(), "table"), "table");
    String key = quoted(Fields.text(input.keyColumn(), "keyColumn"), "keyColumn");
    String set = Fields.text(input.set(), "set");
    String where = input.where() == null || input.where().isBlank() ? "TRUE" : input.where();
    int batchSize = Fields.present(input.batchSize(), "batchSize");
    if (batchSize < 1 || batchSize > MAX_BATCH) {
      throw new InvalidInput("batchSize: " + batchSize + " is not between 1 and " + MAX_BATCH);
    }
    int seconds = input.maxSecondsPerCall() == null ? DEFAULT_SECONDS : input.maxSecondsPerCall();
    if (seconds < 1 || seconds > 840) {
      throw new InvalidInput("maxSecondsPerCall: " + seconds + " is not between 1 and 840 (a Lambda call lasts at most 900 s)");
    }
    int maxBatches = input.maxBatchesPerCall() == null ? Integer.MAX_VALUE : input.maxBatchesPerCall();
    if (maxBatches < 1) {
      throw new InvalidInput("maxBatchesPerCall: " + maxBatches + " is less than 1");
    }
    String execution = Fields.text(input.executionName(), "executionName");
    String target = Fields.text(input.target(), "target");
    String id = execution + "/" + input.table() + "/" + input.keyColumn() + "/"
        + Integer.toHexString((set + "\u0000" + where).hashCode());
    Instant deadline = deadline(clock.instant(), seconds, context);

    int batches = 0;
    State state;
    try (Connection c = credentials.connect()) {
      String keyType = keyType(c, table, input.keyColumn(), input.table());
      state = begin(c, id, table, where);
      while (!state.done()) {
        state = batch(c, id, table, key, keyType, set, where, batchSize);
        if (state.rowsDone() > 0 || state.done()) {
          batches++;
        }
        if (batches >= maxBatches || !clock.instant().isBefore(deadline)) {
          break;
        }
      }
    } catch (SQLException e) {
      throw new DatabaseUnavailable("backfill of " + input.table() + " in " + credentials.jdbcUrl() + " failed: "
          + e.getMessage() + "; check the set and where SQL, then redrive: committed batches are kept", e);
    }
    report(target, input.table(), state);
    return new Output(state.done(), state.rowsDone(), state.estimatedTotal(), state.lastKey(), batches);
  }

  private static Instant deadline(Instant now, int seconds, Context context) {
    Instant declared = now.plusSeconds(seconds);
    if (context == null || context.getRemainingTimeInMillis() == Integer.MAX_VALUE) {
      return declared;
    }
    Instant lambda = now.plusMillis(context.getRemainingTimeInMillis()).minus(TIMEOUT_MARGIN);
    return lambda.isBefore(declared) ? lambda : declared;
  }

  private static String quoted(String name, String field) {
    if (!IDENTIFIER.matcher(name).matches()) {
      throw new InvalidInput(field + ": '" + name + "' is not a plain identifier ([schema.]name of letters, digits, _)");
    }
    StringBuilder out = new StringBuilder();
    for (String part : name.split("\\.")) {
      out.append(out.isEmpty() ? "" : ".").append('"').append(part).append('"');
    }
    return out.toString();
  }

  private static String keyType(Connection c, String table, String keyColumn, String tableName) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT to_regclass(?) IS NOT NULL, (SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a"
            + " WHERE a.attrelid = to_regclass(?) AND a.attname = ? AND a.attnum > 0 AND NOT a.attisdropped)")) {
      s.setString(1, table);
      s.setString(2, table);
      s.setString(3, keyColumn);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        if (!rs.getBoolean(1)) {
          throw new InvalidInput("table: '" + tableName + "' does not exist in the database");
        }
        if (rs.getString(2) == null) {
          throw new InvalidInput("keyColumn: table '" + tableName + "' has no column '" + keyColumn + "'");
        }
        return rs.getString(2);
      }
    }
  }

  /** The committed state, created with its estimate on the first call. */
  private static State begin(Connection c, String id, String table, String where) throws SQLException {
    c.setAutoCommit(true);
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS " + BOOKKEEPING + " (id text PRIMARY KEY, table_name text NOT NULL,"
          + " last_key text, rows_done bigint NOT NULL, estimated_total bigint NOT NULL, batches bigint NOT NULL,"
          + " done boolean NOT NULL, started_at timestamptz NOT NULL, updated_at timestamptz NOT NULL)");
    }
    State existing = read(c, id, false);
    if (existing != null) {
      return existing;
    }
    long estimate;
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table + " WHERE " + where)) {
      rs.next();
      estimate = rs.getLong(1);
    }
    try (PreparedStatement s = c.prepareStatement("INSERT INTO " + BOOKKEEPING
        + " VALUES (?, ?, NULL, 0, ?, 0, false, now(), now()) ON CONFLICT (id) DO NOTHING")) {
      s.setString(1, id);
      s.setString(2, table);
      s.setLong(3, estimate);
      s.executeUpdate();
    }
    return read(c, id, false);
  }

  private static State read(Connection c, String id, boolean lock) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT last_key, rows_done, estimated_total, done FROM " + BOOKKEEPING
        + " WHERE id = ?" + (lock ? " FOR UPDATE" : ""))) {
      s.setString(1, id);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? new State(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getBoolean(4)) : null;
      }
    }
  }

  /** One batch in one transaction: the rows after the committed last key, and the new last key. */
  private static State batch(Connection c, String id, String table, String key, String keyType, String set, String where,
      int batchSize) throws SQLException {
    c.setAutoCommit(false);
    try {
      State state = read(c, id, true);
      if (state.done()) {
        c.commit();
        return state;
      }
      long count;
      String last;
      // u.<key> in the last select: a bare name would order by the text output column of that name.
      try (PreparedStatement s = c.prepareStatement("WITH u AS (UPDATE " + table + " SET " + set + " WHERE " + key
          + " IN (SELECT " + key + " FROM " + table + " WHERE (CAST(? AS text) IS NULL OR " + key + " > CAST(? AS " + keyType + "))"
          + " AND (" + where + ") ORDER BY " + key + " LIMIT ?) RETURNING " + key + ")"
          + " SELECT (SELECT count(*) FROM u), (SELECT CAST(u." + key + " AS text) FROM u ORDER BY u." + key + " DESC LIMIT 1)")) {
        s.setString(1, state.lastKey());
        s.setString(2, state.lastKey());
        s.setInt(3, batchSize);
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          count = rs.getLong(1);
          last = rs.getString(2);
        }
      }
      State next = new State(last == null ? state.lastKey() : last, state.rowsDone() + count, state.estimatedTotal(),
          count < batchSize);
      try (PreparedStatement s = c.prepareStatement("UPDATE " + BOOKKEEPING + " SET last_key = ?, rows_done = ?,"
          + " batches = batches + 1, done = ?, updated_at = now() WHERE id = ?")) {
        s.setString(1, next.lastKey());
        s.setLong(2, next.rowsDone());
        s.setBoolean(3, next.done());
        s.setString(4, id);
        s.executeUpdate();
      }
      c.commit();
      return next;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    }
  }

  private void report(String target, String table, State state) {
    Map<String, AttributeValue> backfill = Map.of(
        "table", AttributeValue.fromS(table),
        "rowsDone", AttributeValue.fromN(Long.toString(state.rowsDone())),
        "estimatedTotal", AttributeValue.fromN(Long.toString(state.estimatedTotal())),
        "done", AttributeValue.fromBool(state.done()),
        "updatedAt", AttributeValue.fromS(clock.instant().toString()));
    try {
      dynamoDb.updateItem(r -> r.tableName(progressTable).key(Map.of("target", AttributeValue.fromS(target)))
          .updateExpression("SET backfill = :b")
          .conditionExpression("attribute_exists(#t)")
          .expressionAttributeNames(Map.of("#t", "target"))
          .expressionAttributeValues(Map.of(":b", AttributeValue.fromM(backfill))));
    } catch (ConditionalCheckFailedException noRun) {
      // called outside a run (no progress item): nothing to report to
    } catch (SdkException e) {
      // the committed bookkeeping is the truth; the next call reports again
    }
  }
}
