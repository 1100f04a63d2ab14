package dev.ferry.dsl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a migration: an immutable value built with a kind factory ({@link #backup}, {@link
 * #upgrade} ...) and refined with withers. Steps are values: keep one in a variable to read its
 * output from a later step ({@code snapshot.output("snapshotId")}) or to name it in {@link
 * #resumes}.
 *
 * @param id lower-case words joined by hyphens ({@code snapshot-database}); the key of its result
 *     under {@code $.steps} and of its audit rows
 * @param title the state name shown in the console; derived from the id when empty
 * @param action what the step calls; an approval's is its request
 * @param poll a call repeated after the action (or instead of it) until a condition holds
 * @param expectations conditions the action's result must meet, else {@code
 *     Ferry.ExpectationFailed} (for a guard: {@code Ferry.PreconditionFailed})
 * @param compensation what undoes this step when a later step (or, with {@code
 *     compensatesOwnFailure}, this one) fails
 * @param withoutBackupReason why an upgrade deliberately has no backup before it
 * @param resumes the pause step a resume step ends
 * @param timeout the task timeout of the step's calls (approval: how long to wait for a decision)
 */
public record Step(
    String id,
    StepKind kind,
    Optional<String> title,
    Optional<Action> action,
    Optional<Poll> poll,
    List<Condition> expectations,
    Optional<Step> compensation,
    boolean compensatesOwnFailure,
    boolean isIrreversible,
    Optional<String> withoutBackupReason,
    Optional<String> resumes,
    Optional<Duration> timeout) {

  public Step {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(poll, "poll");
    expectations = List.copyOf(expectations);
    Objects.requireNonNull(compensation, "compensation");
    Objects.requireNonNull(withoutBackupReason, "withoutBackupReason");
    Objects.requireNonNull(resumes, "resumes");
    Objects.requireNonNull(timeout, "timeout");
  }

  private static Step of(String id, StepKind kind) {
    return new Step(id, kind, Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
        Optional.empty(), false, false, Optional.empty(), Optional.empty(), Optional.empty());
  }

  public static Step backup(String id) {
    return of(id, StepKind.BACKUP);
  }

  public static Step pause(String id) {
    return of(id, StepKind.PAUSE);
  }

  public static Step upgrade(String id) {
    return of(id, StepKind.UPGRADE);
  }

  public static Step verify(String id) {
    return of(id, StepKind.VERIFY);
  }

  public static Step resume(String id) {
    return of(id, StepKind.RESUME);
  }

  /** A compensation step, used in {@link #compensatedBy}. */
  public static Step rollback(String id) {
    return of(id, StepKind.ROLLBACK);
  }

  /** A precondition; when its expectations fail the run ends with {@code Ferry.PreconditionFailed}. */
  public static Step guard(String id) {
    return of(id, StepKind.GUARD);
  }

  /** Waits for {@code ferry approve}/{@code ferry reject}; times out after 24 hours by default. */
  public static Step approval(String id, String message) {
    return of(id, StepKind.APPROVAL)
        .withAction(new Action.ApprovalRequest(message))
        .timeout(Duration.ofHours(24));
  }

  /** Sets the state name shown in the console (default: the id as words). */
  public Step title(String newTitle) {
    return new Step(id, kind, Optional.of(newTitle), action, poll, expectations, compensation,
        compensatesOwnFailure, isIrreversible, withoutBackupReason, resumes, timeout);
  }

  /** The call this step makes. */
  public Step invoke(Action newAction) {
    if (kind == StepKind.APPROVAL) {
      throw new IllegalStateException("approval step '" + id + "' calls ferry-approval-request itself; do not give it an action");
    }
    if (newAction instanceof Action.ApprovalRequest) {
      throw new IllegalArgumentException("step '" + id + "': use Step.approval(...) for approvals");
    }
    return withAction(newAction);
  }

  /** Runs branches of steps at the same time; each argument is one branch, run in order. */
  @SafeVarargs
  public final Step inParallel(List<Step>... branches) {
    return invoke(new Action.ParallelGroup(Arrays.asList(branches)));
  }

  private Step withAction(Action newAction) {
    if (newAction instanceof Action.ParallelGroup && (!expectations.isEmpty() || poll.isPresent())) {
      throw new IllegalStateException("step '" + id + "': a parallel group cannot have expectations or a poll; put them on steps inside a branch");
    }
    return new Step(id, kind, title, Optional.of(newAction), poll, expectations, compensation,
        compensatesOwnFailure, isIrreversible, withoutBackupReason, resumes, timeout);
  }

  /** Repeats a call after the action (or as the action) until its condition holds. */
  public Step pollUntil(Poll newPoll) {
    if (kind == StepKind.APPROVAL || action.orElse(null) instanceof Action.ParallelGroup) {
      throw new IllegalStateException("step '" + id + "': approvals and parallel groups cannot poll; poll inside a branch step");
    }
    return new Step(id, kind, title, action, Optional.of(newPoll), expectations, compensation,
        compensatesOwnFailure, isIrreversible, withoutBackupReason, resumes, timeout);
  }

  /** A condition the action's result must meet. */
  public Step expect(Condition condition) {
    if (action.orElse(null) instanceof Action.ParallelGroup) {
      throw new IllegalStateException("step '" + id + "': a parallel group has no result of its own; put the expectation on a step inside a branch");
    }
    List<Condition> next = new ArrayList<>(expectations);
    next.add(condition);
    return new Step(id, kind, title, action, poll, next, compensation, compensatesOwnFailure,
        isIrreversible, withoutBackupReason, resumes, timeout);
  }

  /** What undoes this step when a later step fails. */
  public Step compensatedBy(Step undo) {
    return new Step(id, kind, title, action, poll, expectations, Optional.of(undo),
        compensatesOwnFailure, isIrreversible, withoutBackupReason, resumes, timeout);
  }

  /** Also run the compensation when this step itself fails (it may have begun changing things). */
  public Step compensateOwnFailure() {
    return new Step(id, kind, title, action, poll, expectations, compensation, true, isIrreversible,
        withoutBackupReason, resumes, timeout);
  }

  /** This step cannot be undone; an approval must come before it. */
  public Step irreversible() {
    return new Step(id, kind, title, action, poll, expectations, compensation,
        compensatesOwnFailure, true, withoutBackupReason, resumes, timeout);
  }

  /** An upgrade that deliberately has no backup before it, and why. */
  public Step withoutBackup(String reason) {
    return new Step(id, kind, title, action, poll, expectations, compensation,
        compensatesOwnFailure, isIrreversible, Optional.of(reason), resumes, timeout);
  }

  /** The pause this resume step ends. */
  public Step resumes(Step pause) {
    return new Step(id, kind, title, action, poll, expectations, compensation,
        compensatesOwnFailure, isIrreversible, withoutBackupReason, Optional.of(pause.id()), timeout);
  }

  /** The task timeout of this step's calls. */
  public Step timeout(Duration limit) {
    return new Step(id, kind, title, action, poll, expectations, compensation,
        compensatesOwnFailure, isIrreversible, withoutBackupReason, resumes, Optional.of(limit));
  }

  /** A field of this step's result, for a later step to read. */
  public StepOutput output(String field) {
    return new StepOutput(id, field, StepOutput.Source.RESULT);
  }

  /** A field of this step's last poll result. */
  public StepOutput polled(String field) {
    return new StepOutput(id, field, StepOutput.Source.POLL);
  }

  /** The inner steps when this is a parallel group, else empty. */
  public List<List<Step>> branches() {
    return action.map(a -> a instanceof Action.ParallelGroup g ? g.branches() : List.<List<Step>>of())
        .orElse(List.of());
  }

  /** Every ref the step reads: its action, poll and compensation excluded. */
  public List<Ref> refs() {
    List<Ref> refs = new ArrayList<>();
    action.ifPresent(a -> refs.addAll(a.refs()));
    poll.ifPresent(p -> refs.addAll(p.action().refs()));
    return refs;
  }
}
