package dev.ferry.dsl.tasks;

import dev.ferry.dsl.JsonType;
import dev.ferry.dsl.LambdaFunction;
import dev.ferry.dsl.Ref;
import dev.ferry.dsl.ResultField;
import dev.ferry.dsl.TaskInput;
import java.util.List;
import java.util.Map;

/**
 * {@code ferry-schema-verify}: checks the schema version, the expected columns of each table, and
 * that every baseline table kept its row count and checksum. Read-only. Raises {@code
 * Ferry.VerificationFailed}.
 */
public final class SchemaVerify extends TaskCall<SchemaVerify> {
  /** True when every check passed. */
  public static final ResultField<Boolean> OK = ResultField.bool("ok")
      .describedAs("true when every check passed");

  /** Each check: {name, ok, expected, actual}. */
  public static final ResultField<List<Object>> CHECKS = ResultField.objectList("checks")
      .describedAs("each check: {name, ok, expected, actual}");

  /** The function: its name, inputs, results and errors. */
  public static final LambdaFunction FUNCTION = new LambdaFunction("ferry-schema-verify",
      "Checks the schema version, the expected columns of each table, and that every baseline table kept its row count and checksum. Read-only.",
      List.of(
          TaskInput.required("secretArn", JsonType.STRING, "Secrets Manager ARN of the database credentials"),
          TaskInput.required("expectedVersion", JsonType.STRING, "the schema version the database must be at"),
          TaskInput.optional("tables", JsonType.OBJECT, "{table: [columns]} each table must have"),
          TaskInput.optional("baseline", JsonType.OBJECT, "the baseline capture step's baseline result")),
      List.of(OK, CHECKS),
      List.of("Ferry.VerificationFailed"),
      true);

  SchemaVerify(Map<String, Object> values) {
    super(values);
  }

  @Override
  public LambdaFunction function() {
    return FUNCTION;
  }

  @Override
  SchemaVerify with(Map<String, Object> values) {
    return new SchemaVerify(values);
  }

  /** Secrets Manager ARN of the database credentials (required). */
  public SchemaVerify secretArn(String value) {
    return set("secretArn", value);
  }

  /** {@link #secretArn(String)}, read at run time. */
  public SchemaVerify secretArn(Ref value) {
    return set("secretArn", value);
  }

  /** The schema version the database must be at (required). */
  public SchemaVerify expectedVersion(String value) {
    return set("expectedVersion", value);
  }

  /** {@link #expectedVersion(String)}, read at run time. */
  public SchemaVerify expectedVersion(Ref value) {
    return set("expectedVersion", value);
  }

  /** {table: [columns]} each table must have (optional). */
  public SchemaVerify tables(Map<String, ?> value) {
    return set("tables", value);
  }

  /** {@link #tables(Map)}, read at run time. */
  public SchemaVerify tables(Ref value) {
    return set("tables", value);
  }

  /** The baseline capture step's baseline result (optional). */
  public SchemaVerify baseline(Map<String, ?> value) {
    return set("baseline", value);
  }

  /** {@link #baseline(Map)}, read at run time. */
  public SchemaVerify baseline(Ref value) {
    return set("baseline", value);
  }
}
