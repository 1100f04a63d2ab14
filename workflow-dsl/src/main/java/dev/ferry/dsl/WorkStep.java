package dev.ferry.dsl;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A step that calls something: every kind but an approval. The modifiers here apply to every such
 * kind; each kind's class adds its own.
 *
 * @param <S> the kind's own class, returned by every modifier
 */
public abstract sealed class WorkStep<S extends WorkStep<S>> extends Step
    permits BackupStep, PauseStep, UpgradeStep, VerifyStep, ResumeStep, RollbackStep, GuardStep {

  WorkStep(Spec spec) {
    super(spec);
  }

  abstract S with(Spec next);

  /** Sets the state name shown in the console (default: the id as words). */
  public S title(String newTitle) {
    return with(spec.title(newTitle));
  }

  /** The call this step makes. */
  public S invoke(Call call) {
    Action action = call.action();
    if (action instanceof Action.ApprovalRequest) {
      throw new IllegalArgumentException("step '" + id() + "': use Step.approval(...) for approvals");
    }
    return withAction(action);
  }

  /** Runs branches of steps at the same time; each argument is one branch, run in order. */
  @SafeVarargs
  public final S inParallel(List<? extends Step>... branches) {
    return withAction(new Action.ParallelGroup(Arrays.stream(branches).<List<Step>>map(List::copyOf).toList()));
  }

  private S withAction(Action action) {
    if (action().isPresent()) {
      throw new IllegalStateException("step '" + id() + "' already calls " + describe(action().get())
          + "; a step makes one call: add another step for " + describe(action));
    }
    if (action instanceof Action.ParallelGroup && (!expectations().isEmpty() || poll().isPresent())) {
      throw new IllegalStateException("step '" + id() + "': a parallel group cannot have expectations or a poll; put them on steps inside a branch");
    }
    return with(spec.action(action));
  }

  /** Repeats a call after the action (or as the action) until its condition holds. */
  public S pollUntil(Poll poll) {
    if (poll().isPresent()) {
      throw new IllegalStateException("step '" + id() + "' already polls " + describe(poll().get().action())
          + "; a step has one poll: give it once, with its interval, timeout and backoff");
    }
    if (action().orElse(null) instanceof Action.ParallelGroup) {
      throw new IllegalStateException("step '" + id() + "': a parallel group cannot poll; poll inside a branch step");
    }
    return with(spec.poll(poll));
  }

  /**
   * A poll that reads this step's own result: {@code pollUntil(self ->
   * Poll.with(FerryTasks.snapshotStatus().snapshotId(self.output(SnapshotCreate.SNAPSHOT_ID))))}.
   */
  public S pollUntil(Function<? super Step, Poll> pollOfSelf) {
    return pollUntil(Objects.requireNonNull(pollOfSelf.apply(this), "poll"));
  }

  /** A condition the action's result must meet. */
  public S expect(Condition condition) {
    if (action().orElse(null) instanceof Action.ParallelGroup) {
      throw new IllegalStateException("step '" + id() + "': a parallel group has no result of its own; put the expectation on a step inside a branch");
    }
    return with(spec.expect(condition));
  }

  static String describe(Action action) {
    return switch (action) {
      case Action.LambdaInvoke l -> "'" + l.functionName() + "'";
      case Action.SdkCall c -> c.resource();
      case Action.DynamoDbCall d -> d.resource();
      case Action.ApprovalRequest a -> "an approval";
      case Action.ParallelGroup g -> "parallel branches";
    };
  }

  /** The task timeout of this step's calls. */
  public S timeout(Duration limit) {
    return with(spec.timeout(limit));
  }
}
