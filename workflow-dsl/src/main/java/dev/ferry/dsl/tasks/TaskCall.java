package dev.ferry.dsl.tasks;

import dev.ferry.dsl.Action;
import dev.ferry.dsl.Call;
import dev.ferry.dsl.LambdaFunction;
import dev.ferry.dsl.Payload;
import dev.ferry.dsl.Ref;
import dev.ferry.dsl.TaskInput;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A call of one of Ferry's shipped task functions, built with its typed input methods. Its payload
 * lists the inputs in the function's own order, whatever order they were set in, with {@code
 * executionName} filled from the execution; a required input left out fails the build naming the
 * step ({@link dev.ferry.dsl.validate.Rule#MISSING_INPUT}).
 *
 * @param <S> the task's own class, returned by every input method
 */
public abstract sealed class TaskCall<S extends TaskCall<S>> implements Call
    permits SnapshotCreate, SnapshotStatus, SnapshotRestore, BackupCreate, BackupStatus, BackupRestore,
        WritersPause, WritersResume, BaselineCapture, SchemaMigrate, SchemaVerify, MigrationServiceUpgrade,
        HttpCheck, NoOperationInProgress, SchemaUpgradeNeeded, LambdaVersionPublish, LambdaAliasRollback {

  private final Map<String, Object> values;

  TaskCall(Map<String, Object> values) {
    this.values = Map.copyOf(values);
  }

  /** The shipped function this calls. */
  public abstract LambdaFunction function();

  abstract S with(Map<String, Object> next);

  final S set(String input, Object value) {
    if (values.containsKey(input)) {
      throw new IllegalArgumentException(function().name() + ": input '" + input + "' is set twice; set it once");
    }
    Map<String, Object> next = new HashMap<>(values);
    next.put(input, value);
    return with(next);
  }

  @Override
  public final Action.LambdaInvoke action() {
    Map<String, Object> payload = new LinkedHashMap<>();
    for (TaskInput input : function().inputs()) {
      if (input.fromExecution()) {
        payload.put(input.name(), Ref.executionName());
      } else if (values.containsKey(input.name())) {
        payload.put(input.name(), values.get(input.name()));
      }
    }
    return function().call(new Payload(payload));
  }
}
