package dev.ferry.dsl.tasks;

import dev.ferry.dsl.JsonType;
import dev.ferry.dsl.LambdaFunction;
import dev.ferry.dsl.Ref;
import dev.ferry.dsl.ResultField;
import dev.ferry.dsl.TaskInput;
import java.util.List;
import java.util.Map;

/**
 * {@code ferry-dynamodb-backup-restore}: makes the backup's items the table's contents again. One
 * phase per call: poll it until done. Raises {@code Ferry.BackupNotFound}, {@code
 * Ferry.RestoreFailed}.
 */
public final class BackupRestore extends TaskCall<BackupRestore> {
  /** True once the table holds the backup's items. */
  public static final ResultField<Boolean> DONE = ResultField.bool("done")
      .describedAs("true once the table holds the backup's items");

  /** The phase the restore is in. */
  public static final ResultField<String> PHASE = ResultField.string("phase")
      .describedAs("the phase the restore is in");

  /** The function: its name, inputs, results and errors. */
  public static final LambdaFunction FUNCTION = new LambdaFunction("ferry-dynamodb-backup-restore",
      "Makes the backup's items the table's contents again. One phase per call: poll it until done.",
      List.of(
          TaskInput.required("backupArn", JsonType.STRING, "the backup to restore"),
          TaskInput.required("tableName", JsonType.STRING, "the table to restore it into"),
          TaskInput.executionName()),
      List.of(DONE, PHASE),
      List.of("Ferry.BackupNotFound", "Ferry.RestoreFailed"),
      true);

  BackupRestore(Map<String, Object> values) {
    super(values);
  }

  @Override
  public LambdaFunction function() {
    return FUNCTION;
  }

  @Override
  BackupRestore with(Map<String, Object> values) {
    return new BackupRestore(values);
  }

  /** The backup to restore (required). */
  public BackupRestore backupArn(String value) {
    return set("backupArn", value);
  }

  /** {@link #backupArn(String)}, read at run time. */
  public BackupRestore backupArn(Ref value) {
    return set("backupArn", value);
  }

  /** The table to restore it into (required). */
  public BackupRestore tableName(String value) {
    return set("tableName", value);
  }

  /** {@link #tableName(String)}, read at run time. */
  public BackupRestore tableName(Ref value) {
    return set("tableName", value);
  }
}
