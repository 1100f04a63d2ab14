package dev.ferry.dsl.tasks;

import dev.ferry.dsl.JsonType;
import dev.ferry.dsl.LambdaFunction;
import dev.ferry.dsl.Ref;
import dev.ferry.dsl.ResultField;
import dev.ferry.dsl.TaskInput;
import java.util.List;
import java.util.Map;

/**
 * {@code ferry-migration-service-upgrade}: asks a migration service (Metaflow's: GET
 * /db_schema_status, PATCH /upgrade) to upgrade the schema, sending the PATCH at most once per
 * call and reconciling a timed-out one from the status. Raises {@code Ferry.UpgradeFailed}, {@code
 * Ferry.ServiceUnavailable}.
 */
public final class MigrationServiceUpgrade extends TaskCall<MigrationServiceUpgrade> {
  /** What the service said of the upgrade. */
  public static final ResultField<String> UPGRADE_RESULT = ResultField.string("upgradeResult")
      .describedAs("what the service said of the upgrade");

  /** The schema is up to date afterwards. */
  public static final ResultField<Boolean> IS_UP_TO_DATE = ResultField.bool("isUpToDate")
      .describedAs("the schema is up to date afterwards");

  /** The schema version afterwards. */
  public static final ResultField<String> CURRENT_VERSION = ResultField.string("currentVersion")
      .describedAs("the schema version afterwards");

  /** The function: its name, inputs, results and errors. */
  public static final LambdaFunction FUNCTION = new LambdaFunction("ferry-migration-service-upgrade",
      "Asks a migration service (Metaflow's: GET /db_schema_status, PATCH /upgrade) to upgrade the schema, sending the PATCH at most once per call and reconciling a timed-out one from the status.",
      List.of(
          TaskInput.required("baseUrl", JsonType.STRING, "the migration service, e.g. http://metadata:8082"),
          TaskInput.optional("timeoutSeconds", JsonType.NUMBER, "how long to wait for the upgrade (default 300)")),
      List.of(UPGRADE_RESULT, IS_UP_TO_DATE, CURRENT_VERSION),
      List.of("Ferry.UpgradeFailed", "Ferry.ServiceUnavailable"),
      true);

  MigrationServiceUpgrade(Map<String, Object> values) {
    super(values);
  }

  @Override
  public LambdaFunction function() {
    return FUNCTION;
  }

  @Override
  MigrationServiceUpgrade with(Map<String, Object> values) {
    return new MigrationServiceUpgrade(values);
  }

  /** The migration service, e.g. http://metadata:8082 (required). */
  public MigrationServiceUpgrade baseUrl(String value) {
    return set("baseUrl", value);
  }

  /** {@link #baseUrl(String)}, read at run time. */
  public MigrationServiceUpgrade baseUrl(Ref value) {
    return set("baseUrl", value);
  }

  /** How long to wait for the upgrade (default 300) (optional). */
  public MigrationServiceUpgrade timeoutSeconds(int value) {
    return set("timeoutSeconds", value);
  }

  /** {@link #timeoutSeconds(int)}, read at run time. */
  public MigrationServiceUpgrade timeoutSeconds(Ref value) {
    return set("timeoutSeconds", value);
  }
}
