package dev.ferry.dsl.tasks;

import dev.ferry.dsl.JsonType;
import dev.ferry.dsl.LambdaFunction;
import dev.ferry.dsl.Ref;
import dev.ferry.dsl.ResultField;
import dev.ferry.dsl.TaskInput;
import java.util.List;
import java.util.Map;

/**
 * {@code ferry-dynamodb-backup-create}: backs a DynamoDB table up under a name derived from the
 * execution; calling it again for the same execution returns the same backup. Raises {@code
 * Ferry.TableNotFound}.
 */
public final class BackupCreate extends TaskCall<BackupCreate> {
  /** The backup's ARN, for the status poll and the restore. */
  public static final ResultField<String> BACKUP_ARN = ResultField.string("backupArn")
      .describedAs("the backup's ARN, for the status poll and the restore");

  /** The backup's status. */
  public static final ResultField<BackupState> STATUS = ResultField.oneOf("status", BackupState.class)
      .describedAs("the backup's status");

  /** The function: its name, inputs, results and errors. */
  public static final LambdaFunction FUNCTION = new LambdaFunction("ferry-dynamodb-backup-create",
      "Backs a DynamoDB table up under a name derived from the execution; calling it again for the same execution returns the same backup.",
      List.of(
          TaskInput.required("tableName", JsonType.STRING, "the table to back up"),
          TaskInput.executionName()),
      List.of(BACKUP_ARN, STATUS),
      List.of("Ferry.TableNotFound"),
      true);

  BackupCreate(Map<String, Object> values) {
    super(values);
  }

  @Override
  public LambdaFunction function() {
    return FUNCTION;
  }

  @Override
  BackupCreate with(Map<String, Object> values) {
    return new BackupCreate(values);
  }

  /** The table to back up (required). */
  public BackupCreate tableName(String value) {
    return set("tableName", value);
  }

  /** {@link #tableName(String)}, read at run time. */
  public BackupCreate tableName(Ref value) {
    return set("tableName", value);
  }
}
