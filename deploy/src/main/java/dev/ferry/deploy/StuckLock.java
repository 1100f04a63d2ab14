package dev.ferry.deploy;

import dev.ferry.contract.LockHolder;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A lock whose holder has ended without releasing it (stopped, timed out, failed where the machine
 * could not catch it, or ended mid-change): who holds it, how the holder ended, the step it was on,
 * and the one command that recovers. The words are {@link LockHolder}'s, the same a refused run's
 * {@code Ferry.LockHeld} gives. Ferry never releases such a lock by itself, since the holder may
 * have stopped in the middle of a change.
 *
 * @param redrivable whether the holder can still be redriven (it then continues from its step)
 */
public record StuckLock(String target, String holder, String holderStatus, String progressStatus, String lastStep,
    boolean redrivable) {

  /** How long Step Functions lets an ended execution be redriven. */
  public static final Duration REDRIVE_WINDOW = LockHolder.REDRIVE_WINDOW;

  /** The stuck lock of {@code status}, if its lock is held by an execution that has ended. */
  public static Optional<StuckLock> of(RunStatus status, MigrationTarget target) {
    Progress progress = status.progress();
    Optional<ExecutionInfo> holder = status.execution()
        .filter(e -> progress.lockHolder().filter(h -> h.equals(e.id()) || h.endsWith(":" + e.name())).isPresent());
    return holder.filter(ExecutionInfo::isTerminal).filter(e -> !e.status().equals("SUCCEEDED")).map(e -> new StuckLock(
        progress.target(), progress.lockHolder().orElseThrow(), e.status(), progress.status(), progress.currentStep(),
        target.canRedrive(e)));
  }

  /** Step Functions' rule: a failed, timed-out or aborted execution, within {@link #REDRIVE_WINDOW} of its end. */
  public static boolean redrivableOnAws(ExecutionInfo execution, Instant now) {
    return LockHolder.redrivableOnAws(execution.status(), execution.stoppedAt(), now);
  }

  /** The contract's description of this lock. */
  public LockHolder lockHolder() {
    return new LockHolder(target, holder, holderStatus, progressStatus, lastStep, redrivable);
  }

  /** The one command that recovers. */
  public String command() {
    return lockHolder().command();
  }

  public String message() {
    return lockHolder().message();
  }

  public String hint() {
    return lockHolder().hint();
  }

  /** {@link #hint()} with {@code targetFlags} ({@code " --local"}) in the commands it names. */
  public String hint(String targetFlags) {
    return lockHolder().hint(targetFlags);
  }
}
