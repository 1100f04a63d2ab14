package dev.ferry.tasks.lock;

import Ferry.ServiceUnavailable;
import com.amazonaws.services.lambda.runtime.Context;
import dev.ferry.contract.ErrorName;
import dev.ferry.contract.LockHolder;
import dev.ferry.contract.ProgressItem;
import dev.ferry.tasks.Executions;
import dev.ferry.tasks.FerryHandler;
import dev.ferry.tasks.Fields;
import dev.ferry.tasks.aws.AwsAdapters;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code ferry-lock-holder}: called by a run whose lock was refused. Reads the target's lock and
 * describes the execution holding it, and returns the cause the run fails {@code Ferry.LockHeld}
 * with ({@link LockHolder}'s words): the holder, its status, its last step and what to do, that is
 * wait for it or stop it while it runs, else the one command that recovers. It only reads: the
 * lock is never released here. When the engine cannot be asked it fails {@code
 * Ferry.ServiceUnavailable}, and the run names the holder as read. The progress table is {@code
 * FERRY_PROGRESS_TABLE} on AWS.
 */
public final class LockHolderHandler extends FerryHandler<LockHolderHandler.Input, LockHolderHandler.Output> {

  /** @param executionId the refused run itself ({@code $$.Execution.Id}) */
  public record Input(String target, String executionId) {}

  /**
   * @param cause what the refused run fails with
   * @param holder the execution holding the lock (empty when the lock is free by now)
   * @param holderStatus its engine status ({@code NOT_FOUND} when the engine does not know it)
   * @param command the one command that recovers, when the holder has ended
   */
  public record Output(String cause, String holder, String holderStatus, String lastStep, boolean redrivable,
      String command) {}

  /** The status of a holder the engine does not know (its machine deleted, or another account or region). */
  public static final String NOT_FOUND = "NOT_FOUND";

  private final DynamoDbClient dynamoDb;
  private final String progressTable;
  private final Executions executions;
  private final Clock clock;

  /** On AWS: the SDK clients, and the progress table from {@code FERRY_PROGRESS_TABLE}. */
  public LockHolderHandler() {
    this(AwsAdapters.dynamoDb(), AwsAdapters.progressTable(), AwsAdapters.executions(), Clock.systemUTC());
  }

  public LockHolderHandler(DynamoDbClient dynamoDb, String progressTable, Executions executions, Clock clock) {
    this.dynamoDb = dynamoDb;
    this.progressTable = progressTable;
    this.executions = executions;
    this.clock = clock;
  }

  @Override
  public Output handleRequest(Input input, Context context) {
    String target = Fields.text(input.target(), "target");
    String self = Fields.text(input.executionId(), "executionId");
    Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(progressTable)
        .key(Map.of(ProgressItem.TARGET, AttributeValue.fromS(target))).consistentRead(true)).item();
    String holder = text(item, ProgressItem.LOCK_HOLDER);
    String lockHeld = ErrorName.LOCK_HELD.errorName() + ": target '" + target + "'";
    if (holder.isEmpty()) {
      return new Output(lockHeld + " was locked when this run tried to take it, and is free now: its holder ended"
          + " and released it meanwhile; start this run again", "", "", "", false, "");
    }
    String lastStep = text(item, ProgressItem.CURRENT_STEP);
    String progressStatus = text(item, ProgressItem.STATUS);
    if (holder.equals(self)) {
      return new Output(lockHeld + " is locked by this execution itself (" + holder + "), whose start is already"
          + " recorded; see the target's item in the progress table (status " + progressStatus + ")",
          holder, "RUNNING", lastStep, false, "");
    }
    Optional<Executions.Described> described;
    try {
      described = executions.describe(holder);
    } catch (ServiceUnavailable e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ServiceUnavailable("the engine could not describe the lock's holder " + holder + ": " + e.getMessage(), e);
    }
    if (described.isEmpty()) {
      String command = "ferry unlock " + target + " --reason '<what you checked or repaired>'";
      return new Output(lockHeld + " is locked by " + holder + ", which the engine does not know (its machine was"
          + " deleted, or it runs in another account or region) at step " + (lastStep.isEmpty() ? "(none)" : lastStep)
          + " (progress " + progressStatus + "); check it, then clear the lock with: " + command,
          holder, NOT_FOUND, lastStep, false, command);
    }
    Executions.Described execution = described.get();
    boolean redrivable = execution.redrivable()
        .orElseGet(() -> LockHolder.redrivableOnAws(execution.status(), execution.stoppedAt(), clock.instant()));
    LockHolder lock = new LockHolder(target, holder, execution.status(), progressStatus, lastStep, redrivable);
    return new Output(lock.cause(), holder, execution.status(), lastStep, !lock.running() && redrivable,
        lock.running() ? "" : lock.command());
  }

  private static String text(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item == null ? null : item.get(name);
    return v == null || v.s() == null ? "" : v.s();
  }
}
