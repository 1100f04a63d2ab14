package dev.ferry.dsl.tasks;

import dev.ferry.dsl.JsonType;
import dev.ferry.dsl.LambdaFunction;
import dev.ferry.dsl.Ref;
import dev.ferry.dsl.ResultField;
import dev.ferry.dsl.TaskInput;
import java.util.List;
import java.util.Map;

/**
 * {@code ferry-dynamodb-backup-status}: a DynamoDB backup's status, for a poll that waits until it
 * is available. Raises {@code Ferry.BackupNotFound}.
 */
public final class BackupStatus extends TaskCall<BackupStatus> {
  /** The backup's ARN. */
  public static final ResultField<String> BACKUP_ARN = ResultField.string("backupArn")
      .describedAs("the backup's ARN");

  /** The backup's status. */
  public static final ResultField<BackupState> STATUS = ResultField.oneOf("status", BackupState.class)
      .describedAs("the backup's status");

  /** The function: its name, inputs, results and errors. */
  public static final LambdaFunction FUNCTION = new LambdaFunction("ferry-dynamodb-backup-status",
      "A DynamoDB backup's status, for a poll that waits until it is available.",
      List.of(
          TaskInput.required("backupArn", JsonType.STRING, "the backup to describe")),
      List.of(BACKUP_ARN, STATUS),
      List.of("Ferry.BackupNotFound"),
      true);

  BackupStatus(Map<String, Object> values) {
    super(values);
  }

  @Override
  public LambdaFunction function() {
    return FUNCTION;
  }

  @Override
  BackupStatus with(Map<String, Object> values) {
    return new BackupStatus(values);
  }

  /** The backup to describe (required). */
  public BackupStatus backupArn(String value) {
    return set("backupArn", value);
  }

  /** {@link #backupArn(String)}, read at run time. */
  public BackupStatus backupArn(Ref value) {
    return set("backupArn", value);
  }
}
