package dev.ferry.dsl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a migration: an immutable value made by a kind factory ({@link #backup}, {@link
 * #upgrade} ...) whose type offers only the modifiers that kind has ({@code withoutBackup} on an
 * upgrade, {@code resumes} on a resume, no action on an approval). Keep one in a variable to read
 * its output from a later step ({@code snapshot.output(SnapshotCreate.SNAPSHOT_ID)}); a step's own
 * poll and compensation receive it ({@code pollUntil(self -> ...)}).
 *
 * <p>The accessors are what the graph, the validator and the compiler read:
 *
 * <ul>
 *   <li>{@code id}: lower-case words joined by hyphens ({@code snapshot-database}); the key of its
 *       result under {@code $.steps} and of its audit rows
 *   <li>{@code title}: the state name shown in the console; derived from the id when empty
 *   <li>{@code action}: what the step calls; an approval's is its request
 *   <li>{@code poll}: a call repeated after the action (or instead of it) until a condition holds
 *   <li>{@code expectations}: conditions the action's result must meet, else {@code
 *       Ferry.ExpectationFailed} (for a guard: {@code Ferry.PreconditionFailed})
 *   <li>{@code compensation}: what undoes this step when a later step (or, with {@code
 *       compensatesOwnFailure}, this one) fails
 *   <li>{@code withoutBackupReason}: why an upgrade deliberately has no backup before it
 *   <li>{@code resumes}: the pause step a resume step ends
 *   <li>{@code timeout}: the task timeout of the step's calls (approval: how long to wait)
 *   <li>{@code onTimeout}: an approval's declared meaning of its timeout ({@link ApprovalStep#onTimeout})
 * </ul>
 */
public abstract sealed class Step permits WorkStep, ApprovalStep {

  /** Every property of a step; the kind classes change it through withers. */
  record Spec(
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
      Optional<Duration> timeout,
      Optional<ApprovalTimeout> onTimeout) {

    Spec {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(kind, "kind");
      expectations = List.copyOf(expectations);
    }

    static Spec of(String id, StepKind kind) {
      return new Spec(id, kind, Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
          Optional.empty(), false, false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    Spec title(String value) {
      return new Spec(id, kind, Optional.of(value), action, poll, expectations, compensation,
          compensatesOwnFailure, isIrreversible, withoutBackupReason, resumes, timeout, onTimeout);
    }

    Spec action(Action value) {
      return new Spec(id, kind, title, Optional.of(value), poll, expectations, compensation,
          compensatesOwnFailure, isIrreversible, withoutBackupReason, resumes, timeout, onTimeout);
    }

    Spec poll(Poll value) {
      return new Spec(id, kind, title, action, Optional.of(value), expectations, compensation,
          compensatesOwnFailure, isIrreversible, withoutBackupReason, resumes, timeout, onTimeout);
    }

    Spec expect(Condition condition) {
      List<Condition> next = new ArrayList<>(expectations);
      next.add(condition);
      return new Spec(id, kind, title, action, poll, next, compensation, compensatesOwnFailure,
          isIrreversible, withoutBackupReason, resumes, timeout, onTimeout);
    }

    Spec compensation(Step undo, boolean ownFailure) {
      if (compensation.isPresent()) {
        throw new IllegalStateException("step '" + id + "' is already compensated by '" + compensation.get().id()
            + "'; a step has one compensation (run several calls in it with inParallel, or as its poll)");
      }
      return new Spec(id, kind, title, action, poll, expectations, Optional.of(undo), ownFailure,
          isIrreversible, withoutBackupReason, resumes, timeout, onTimeout);
    }

    Spec irreversible() {
      return new Spec(id, kind, title, action, poll, expectations, compensation,
          compensatesOwnFailure, true, withoutBackupReason, resumes, timeout, onTimeout);
    }

    Spec withoutBackup(String reason) {
      return new Spec(id, kind, title, action, poll, expectations, compensation,
          compensatesOwnFailure, isIrreversible, Optional.of(reason), resumes, timeout, onTimeout);
    }

    Spec resumes(String pauseId) {
      return new Spec(id, kind, title, action, poll, expectations, compensation,
          compensatesOwnFailure, isIrreversible, withoutBackupReason, Optional.of(pauseId), timeout, onTimeout);
    }

    Spec timeout(Duration value) {
      return new Spec(id, kind, title, action, poll, expectations, compensation,
          compensatesOwnFailure, isIrreversible, withoutBackupReason, resumes, Optional.of(value), onTimeout);
    }

    Spec onTimeout(ApprovalTimeout value) {
      return new Spec(id, kind, title, action, poll, expectations, compensation,
          compensatesOwnFailure, isIrreversible, withoutBackupReason, resumes, timeout, Optional.of(value));
    }
  }

  final Spec spec;

  Step(Spec spec) {
    this.spec = Objects.requireNonNull(spec, "spec");
  }

  public static BackupStep backup(String id) {
    return new BackupStep(Spec.of(id, StepKind.BACKUP));
  }

  public static PauseStep pause(String id) {
    return new PauseStep(Spec.of(id, StepKind.PAUSE));
  }

  public static UpgradeStep upgrade(String id) {
    return new UpgradeStep(Spec.of(id, StepKind.UPGRADE));
  }

  public static VerifyStep verify(String id) {
    return new VerifyStep(Spec.of(id, StepKind.VERIFY));
  }

  public static ResumeStep resume(String id) {
    return new ResumeStep(Spec.of(id, StepKind.RESUME));
  }

  /** A compensation step, given to {@code compensatedBy}. */
  public static RollbackStep rollback(String id) {
    return new RollbackStep(Spec.of(id, StepKind.ROLLBACK));
  }

  /** A precondition; when its expectations fail the run ends with {@code Ferry.PreconditionFailed}. */
  public static GuardStep guard(String id) {
    return new GuardStep(Spec.of(id, StepKind.GUARD));
  }

  /** Waits for {@code ferry approve}/{@code ferry reject}; times out after 24 hours by default. */
  public static ApprovalStep approval(String id, String message) {
    return new ApprovalStep(Spec.of(id, StepKind.APPROVAL)
        .action(new Action.ApprovalRequest(message))
        .timeout(Duration.ofHours(24)));
  }

  public String id() {
    return spec.id();
  }

  public StepKind kind() {
    return spec.kind();
  }

  public Optional<String> title() {
    return spec.title();
  }

  public Optional<Action> action() {
    return spec.action();
  }

  public Optional<Poll> poll() {
    return spec.poll();
  }

  public List<Condition> expectations() {
    return spec.expectations();
  }

  public Optional<Step> compensation() {
    return spec.compensation();
  }

  public boolean compensatesOwnFailure() {
    return spec.compensatesOwnFailure();
  }

  public boolean isIrreversible() {
    return spec.isIrreversible();
  }

  public Optional<String> withoutBackupReason() {
    return spec.withoutBackupReason();
  }

  public Optional<String> resumes() {
    return spec.resumes();
  }

  public Optional<Duration> timeout() {
    return spec.timeout();
  }

  /** A field of this step's result, for a later step (or its own poll or compensation) to read. */
  public StepOutput output(ResultField<?> field) {
    return new StepOutput(id(), field.path(), StepOutput.Source.RESULT);
  }

  /** This step's whole result. */
  public StepOutput result() {
    return new StepOutput(id(), "", StepOutput.Source.RESULT);
  }

  /** A field of this step's last poll result. */
  public StepOutput polled(ResultField<?> field) {
    return new StepOutput(id(), field.path(), StepOutput.Source.POLL);
  }

  /** The inner steps when this is a parallel group, else empty. */
  public List<List<Step>> branches() {
    return action().map(a -> a instanceof Action.ParallelGroup g ? g.branches() : List.<List<Step>>of())
        .orElse(List.of());
  }

  /** Every ref the step reads in its action and poll (its compensation reads its own). */
  public List<Ref> refs() {
    List<Ref> refs = new ArrayList<>();
    action().ifPresent(a -> refs.addAll(a.refs()));
    poll().ifPresent(p -> refs.addAll(p.action().refs()));
    return refs;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Step other && other.getClass() == getClass() && other.spec.equals(spec);
  }

  @Override
  public int hashCode() {
    return spec.hashCode();
  }

  @Override
  public String toString() {
    return kind().word() + " step '" + id() + "'";
  }
}
