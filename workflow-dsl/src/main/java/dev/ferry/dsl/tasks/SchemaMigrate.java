package dev.ferry.dsl.tasks;

import dev.ferry.dsl.JsonType;
import dev.ferry.dsl.LambdaFunction;
import dev.ferry.dsl.Ref;
import dev.ferry.dsl.ResultField;
import dev.ferry.dsl.TaskInput;
import java.util.List;
import java.util.Map;

/**
 * {@code ferry-schema-migrate}: applies the versioned SQL migrations (Flyway) at location up to
 * targetVersion; an interrupted call leaves the interrupted migration unapplied, and the next call
 * applies exactly what is missing. Raises {@code Ferry.UpgradeFailed}.
 */
public final class SchemaMigrate extends TaskCall<SchemaMigrate> {
  /** The schema version before the call. */
  public static final ResultField<String> FROM_VERSION = ResultField.string("fromVersion")
      .describedAs("the schema version before the call");

  /** The schema version after it. */
  public static final ResultField<String> TO_VERSION = ResultField.string("toVersion")
      .describedAs("the schema version after it");

  /** How many migrations the call applied. */
  public static final ResultField<Number> APPLIED = ResultField.number("applied")
      .describedAs("how many migrations the call applied");

  /** The function: its name, inputs, results and errors. */
  public static final LambdaFunction FUNCTION = new LambdaFunction("ferry-schema-migrate",
      "Applies the versioned SQL migrations (Flyway) at location up to targetVersion; an interrupted call leaves the interrupted migration unapplied, and the next call applies exactly what is missing.",
      List.of(
          TaskInput.required("secretArn", JsonType.STRING, "Secrets Manager ARN of the database credentials"),
          TaskInput.required("location", JsonType.STRING, "where the SQL migrations are: classpath:db/... or filesystem:..."),
          TaskInput.required("targetVersion", JsonType.STRING, "the schema version to reach")),
      List.of(FROM_VERSION, TO_VERSION, APPLIED),
      List.of("Ferry.UpgradeFailed"),
      true);

  SchemaMigrate(Map<String, Object> values) {
    super(values);
  }

  @Override
  public LambdaFunction function() {
    return FUNCTION;
  }

  @Override
  SchemaMigrate with(Map<String, Object> values) {
    return new SchemaMigrate(values);
  }

  /** Secrets Manager ARN of the database credentials (required). */
  public SchemaMigrate secretArn(String value) {
    return set("secretArn", value);
  }

  /** {@link #secretArn(String)}, read at run time. */
  public SchemaMigrate secretArn(Ref value) {
    return set("secretArn", value);
  }

  /** Where the SQL migrations are: classpath:db/... or filesystem:... (required). */
  public SchemaMigrate location(String value) {
    return set("location", value);
  }

  /** {@link #location(String)}, read at run time. */
  public SchemaMigrate location(Ref value) {
    return set("location", value);
  }

  /** The schema version to reach (required). */
  public SchemaMigrate targetVersion(String value) {
    return set("targetVersion", value);
  }

  /** {@link #targetVersion(String)}, read at run time. */
  public SchemaMigrate targetVersion(Ref value) {
    return set("targetVersion", value);
  }
}
