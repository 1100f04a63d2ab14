package dev.ferry.deploy;

import dev.ferry.contract.ErrorName;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A lock whose holder has ended without releasing it (stopped, timed out, failed where the machine
 * could not catch it, or ended mid-change): who holds it, how the holder ended, the step it was on,
 * and the one command that recovers. Ferry never releases such a lock by itself, since the holder
 * may have stopped in the middle of a change.
 *
 * @param redrivable whether the holder can still be redriven (it then continues from its step)
 */
public record StuckLock(String target, String holder, String holderStatus, String progressStatus, String lastStep,
    boolean redrivable) {

  /** How long Step Functions lets an ended execution be redriven. */
  public static final Duration REDRIVE_WINDOW = Duration.ofDays(14);

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
    boolean ended = switch (execution.status()) {
      case "FAILED", "TIMED_OUT", "ABORTED" -> true;
      default -> false;
    };
    return ended && execution.stoppedAt().map(t -> t.plus(REDRIVE_WINDOW).isAfter(now)).orElse(false);
  }

  /** The one command that recovers. */
  public String command() {
    return redrivable
        ? "ferry redrive " + holder
        : "ferry unlock " + target + " --reason '<what you checked or repaired>'";
  }

  public String message() {
    return ErrorName.LOCK_HELD.errorName() + ": target '" + target + "' is locked by " + holder + ", which ended "
        + holderStatus + " at step " + (lastStep.isEmpty() ? "(none)" : lastStep) + " (progress " + progressStatus
        + ") without releasing the lock";
  }

  public String hint() {
    return redrivable
        ? "continue it from that step with: " + command()
        : "check what step " + lastStep + " left undone, then clear the lock with: " + command();
  }
}
