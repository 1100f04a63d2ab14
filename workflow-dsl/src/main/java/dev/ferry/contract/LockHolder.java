package dev.ferry.contract;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Who holds a target's lock and what to do about it: the one message {@code ferry status}, {@code
 * ferry start} and a refused run's {@code Ferry.LockHeld} cause all give (contract: "Tables", the
 * lock). A holder that still runs is waited for or stopped; one that ended without releasing the
 * lock (stopped, timed out, failed where its machine could not catch it, or ended mid-change) is
 * redriven while it can be, else unlocked by an operator. Ferry never releases such a lock itself,
 * since the holder may have stopped in the middle of a change.
 *
 * @param holder the execution holding the lock (its ARN)
 * @param holderStatus the engine's status of the holder: {@code RUNNING}, {@code FAILED}, {@code
 *     TIMED_OUT}, {@code ABORTED}, ...
 * @param progressStatus the progress item's {@link Status} name
 * @param lastStep the step the holder was on (empty when none is recorded)
 * @param redrivable whether the holder can still be redriven (it then continues from its step)
 */
public record LockHolder(String target, String holder, String holderStatus, String progressStatus, String lastStep,
    boolean redrivable) {

  /** How long Step Functions lets an ended execution be redriven. */
  public static final Duration REDRIVE_WINDOW = Duration.ofDays(14);

  /** Step Functions' rule: a failed, timed-out or aborted execution, within {@link #REDRIVE_WINDOW} of its end. */
  public static boolean redrivableOnAws(String status, Optional<Instant> stoppedAt, Instant now) {
    boolean ended = switch (status) {
      case "FAILED", "TIMED_OUT", "ABORTED" -> true;
      default -> false;
    };
    return ended && stoppedAt.map(t -> t.plus(REDRIVE_WINDOW).isAfter(now)).orElse(false);
  }

  /** Whether the holder still runs (or waits to be redriven), so the lock is in use rather than stuck. */
  public boolean running() {
    return holderStatus.equals("RUNNING") || holderStatus.equals("PENDING_REDRIVE");
  }

  /** The one command that recovers a lock whose holder ended. */
  public String command() {
    return command("");
  }

  /** {@link #command()} with {@code targetFlags} ({@code " --local"}) naming the target's place. */
  public String command(String targetFlags) {
    return redrivable
        ? "ferry redrive " + holder + targetFlags
        : "ferry unlock " + target + targetFlags + " --reason '<what you checked or repaired>'";
  }

  /** Who holds the lock and how it stands; with {@link #hint()}, what a refused run reports. */
  public String message() {
    String step = lastStep.isEmpty() ? "(none)" : lastStep;
    return running()
        ? ErrorName.LOCK_HELD.errorName() + ": target '" + target + "' is locked by " + holder + ", which still runs"
            + " (" + holderStatus + ", at step " + step + ", progress " + progressStatus + ")"
        : ErrorName.LOCK_HELD.errorName() + ": target '" + target + "' is locked by " + holder + ", which ended "
            + holderStatus + " at step " + step + " (progress " + progressStatus + ") without releasing the lock";
  }

  /** What to do next. */
  public String hint() {
    return hint("");
  }

  /** {@link #hint()} with {@code targetFlags} ({@code " --local"}) in the commands it names. */
  public String hint(String targetFlags) {
    if (running()) {
      return "wait for it to end, or stop it with: ferry stop " + holder + targetFlags
          + " --reason '<why>'; then start this run again";
    }
    return redrivable
        ? "continue it from that step with: " + command(targetFlags)
        : "check what step " + lastStep + " left undone, then clear the lock with: " + command(targetFlags);
  }

  /** The cause of a refused run's {@code Ferry.LockHeld}: the message and what to do next. */
  public String cause() {
    return message() + "; " + hint();
  }
}
