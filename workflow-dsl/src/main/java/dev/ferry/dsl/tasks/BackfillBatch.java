package dev.ferry.dsl.tasks;

import dev.ferry.dsl.JsonType;
import dev.ferry.dsl.LambdaFunction;
import dev.ferry.dsl.Ref;
import dev.ferry.dsl.ResultField;
import dev.ferry.dsl.TaskInput;
import java.util.List;
import java.util.Map;

/**
 * {@code ferry-backfill-batch}: updates a table ({@code SET <set>} where {@code <where>}) in batches
 * of batchSize rows in key order, each batch one transaction committed with its last key, resuming
 * from the committed key on every call; poll it until {@link #DONE}. Raises {@code
 * Ferry.DatabaseUnavailable}.
 */
public final class BackfillBatch extends TaskCall<BackfillBatch> {
  /** Whether no row is left. */
  public static final ResultField<Boolean> DONE = ResultField.bool("done").describedAs("whether no row is left");

  /** Rows updated so far, over all calls. */
  public static final ResultField<Number> ROWS_DONE = ResultField.number("rowsDone")
      .describedAs("rows updated so far, over all calls");

  /** Rows matching where when the backfill began. */
  public static final ResultField<Number> ESTIMATED_TOTAL = ResultField.number("estimatedTotal")
      .describedAs("rows matching where when the backfill began");

  /** The last key committed so far, as text; absent before the first batch. */
  public static final ResultField<String> LAST_KEY = ResultField.string("lastKey")
      .describedAs("the last key committed so far, as text; absent before the first batch");

  /** Batches this call committed. */
  public static final ResultField<Number> BATCHES = ResultField.number("batches").describedAs("batches this call committed");

  /** The function: its name, inputs, results and errors. */
  public static final LambdaFunction FUNCTION = new LambdaFunction("ferry-backfill-batch",
      "Updates a table in batches of batchSize rows in key order, each batch one transaction committed with its last key; every call resumes from the committed key, so a retry, redrive or crash updates no row twice. Poll it until done.",
      List.of(
          TaskInput.required("secretArn", JsonType.STRING, "Secrets Manager ARN of the database credentials"),
          TaskInput.required("table", JsonType.STRING, "the table to update: [schema.]name"),
          TaskInput.required("keyColumn", JsonType.STRING, "the column batches follow, in order (the primary key)"),
          TaskInput.required("set", JsonType.STRING, "the SQL assignments, as after SET"),
          TaskInput.optional("where", JsonType.STRING, "the SQL condition of the rows to update (default: all)"),
          TaskInput.required("batchSize", JsonType.NUMBER, "rows per batch (1 to 100,000)"),
          TaskInput.optional("maxSecondsPerCall", JsonType.NUMBER, "stop starting batches after this long (default 60)"),
          TaskInput.optional("maxBatchesPerCall", JsonType.NUMBER, "at most this many batches per call (default: no limit)"),
          TaskInput.executionName(),
          TaskInput.required("target", JsonType.STRING, "the migration target, whose progress item gets the report")),
      List.of(DONE, ROWS_DONE, ESTIMATED_TOTAL, LAST_KEY, BATCHES),
      List.of("Ferry.DatabaseUnavailable"),
      true);

  BackfillBatch(Map<String, Object> values) {
    super(values);
  }

  @Override
  public LambdaFunction function() {
    return FUNCTION;
  }

  @Override
  BackfillBatch with(Map<String, Object> values) {
    return new BackfillBatch(values);
  }

  /** Secrets Manager ARN of the database credentials (required). */
  public BackfillBatch secretArn(Ref value) {
    return set("secretArn", value);
  }

  /** The table to update (required). */
  public BackfillBatch table(String value) {
    return set("table", value);
  }

  /** The column batches follow (required). */
  public BackfillBatch keyColumn(String value) {
    return set("keyColumn", value);
  }

  /** The SQL assignments (required). */
  public BackfillBatch set(String value) {
    return set("set", value);
  }

  /** The SQL condition of the rows to update. */
  public BackfillBatch where(String value) {
    return set("where", value);
  }

  /** Rows per batch (required). */
  public BackfillBatch batchSize(int value) {
    return set("batchSize", value);
  }

  /** Stop starting batches after this many seconds. */
  public BackfillBatch maxSecondsPerCall(int value) {
    return set("maxSecondsPerCall", value);
  }

  /** At most this many batches per call. */
  public BackfillBatch maxBatchesPerCall(int value) {
    return set("maxBatchesPerCall", value);
  }

  /** The migration target (required): pass {@code Ref.target()}. */
  public BackfillBatch target(Ref value) {
    return set("target", value);
  }
}
