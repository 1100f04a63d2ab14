package dev.ferry.dsl.tasks;

import dev.ferry.dsl.JsonType;
import dev.ferry.dsl.LambdaFunction;
import dev.ferry.dsl.Ref;
import dev.ferry.dsl.ResultField;
import dev.ferry.dsl.TaskInput;
import java.util.List;
import java.util.Map;

/**
 * {@code ferry-schema-version}: where the schema is against targetVersion, read from Flyway's
 * history without changing anything; the check a migration runs first to find it has nothing to do.
 * Raises {@code Ferry.DatabaseUnavailable}.
 */
public final class SchemaVersion extends TaskCall<SchemaVersion> {
  /** The schema version now. */
  public static final ResultField<String> CURRENT_VERSION = ResultField.string("currentVersion")
      .describedAs("the schema version now");

  /** The version asked about. */
  public static final ResultField<String> TARGET_VERSION = ResultField.string("targetVersion")
      .describedAs("the version asked about");

  /** Whether the schema is at the target version or past it. */
  public static final ResultField<Boolean> UP_TO_DATE = ResultField.bool("upToDate")
      .describedAs("whether the schema is at the target version or past it");

  /** The function: its name, inputs, results and errors. */
  public static final LambdaFunction FUNCTION = new LambdaFunction("ferry-schema-version",
      "Where the schema is against targetVersion, read from Flyway's history without changing anything; the check a migration runs first to find it has nothing to do.",
      List.of(
          TaskInput.required("secretArn", JsonType.STRING, "Secrets Manager ARN of the database credentials"),
          TaskInput.required("location", JsonType.STRING, "where the SQL migrations are: classpath:db/... or filesystem:..."),
          TaskInput.required("targetVersion", JsonType.STRING, "the schema version the migration would reach")),
      List.of(CURRENT_VERSION, TARGET_VERSION, UP_TO_DATE),
      List.of("Ferry.DatabaseUnavailable"),
      true);

  SchemaVersion(Map<String, Object> values) {
    super(values);
  }

  @Override
  public LambdaFunction function() {
    return FUNCTION;
  }

  @Override
  SchemaVersion with(Map<String, Object> values) {
    return new SchemaVersion(values);
  }

  /** Secrets Manager ARN of the database credentials (required). */
  public SchemaVersion secretArn(Ref value) {
    return set("secretArn", value);
  }

  /** Where the SQL migrations are (required). */
  public SchemaVersion location(String value) {
    return set("location", value);
  }

  /** {@link #location(String)}, read at run time. */
  public SchemaVersion location(Ref value) {
    return set("location", value);
  }

  /** The schema version the migration would reach (required). */
  public SchemaVersion targetVersion(String value) {
    return set("targetVersion", value);
  }

  /** {@link #targetVersion(String)}, read at run time. */
  public SchemaVersion targetVersion(Ref value) {
    return set("targetVersion", value);
  }
}
