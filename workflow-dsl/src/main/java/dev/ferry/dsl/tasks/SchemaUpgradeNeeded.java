package dev.ferry.dsl.tasks;

import dev.ferry.dsl.JsonType;
import dev.ferry.dsl.LambdaFunction;
import dev.ferry.dsl.Ref;
import dev.ferry.dsl.ResultField;
import dev.ferry.dsl.TaskInput;
import java.util.List;
import java.util.Map;

/**
 * {@code ferry-guard-schema-upgrade-needed}: whether a migration service (GET /db_schema_status)
 * reports an upgrade is needed. Read-only. Raises {@code Ferry.ServiceUnavailable}.
 */
public final class SchemaUpgradeNeeded extends TaskCall<SchemaUpgradeNeeded> {
  /** True when migrations are unapplied. */
  public static final ResultField<Boolean> NEEDED = ResultField.bool("needed")
      .describedAs("true when migrations are unapplied");

  /** The schema version now. */
  public static final ResultField<String> CURRENT_VERSION = ResultField.string("currentVersion")
      .describedAs("the schema version now");

  /** The migrations not yet applied. */
  public static final ResultField<List<String>> UNAPPLIED_MIGRATIONS = ResultField.stringList("unappliedMigrations")
      .describedAs("the migrations not yet applied");

  /** The function: its name, inputs, results and errors. */
  public static final LambdaFunction FUNCTION = new LambdaFunction("ferry-guard-schema-upgrade-needed",
      "Whether a migration service (GET /db_schema_status) reports an upgrade is needed. Read-only.",
      List.of(
          TaskInput.required("baseUrl", JsonType.STRING, "the migration service, e.g. http://metadata:8082")),
      List.of(NEEDED, CURRENT_VERSION, UNAPPLIED_MIGRATIONS),
      List.of("Ferry.ServiceUnavailable"),
      true);

  SchemaUpgradeNeeded(Map<String, Object> values) {
    super(values);
  }

  @Override
  public LambdaFunction function() {
    return FUNCTION;
  }

  @Override
  SchemaUpgradeNeeded with(Map<String, Object> values) {
    return new SchemaUpgradeNeeded(values);
  }

  /** The migration service, e.g. http://metadata:8082 (required). */
  public SchemaUpgradeNeeded baseUrl(String value) {
    return set("baseUrl", value);
  }

  /** {@link #baseUrl(String)}, read at run time. */
  public SchemaUpgradeNeeded baseUrl(Ref value) {
    return set("baseUrl", value);
  }
}
