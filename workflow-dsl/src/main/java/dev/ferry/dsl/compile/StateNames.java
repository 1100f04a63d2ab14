package dev.ferry.dsl.compile;

import dev.ferry.dsl.Parameter;
import dev.ferry.dsl.ParameterType;
import dev.ferry.dsl.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The state names the compiler gives each step, shared with the validator so that duplicate and
 * over-long names are compile errors naming the step. Names read as the console shows them:
 * {@code Snapshot database}, {@code Record: snapshot-database done}.
 */
public final class StateNames {
  /** Step Functions' limit on a state name. */
  public static final int MAX_LENGTH = 80;

  public static final String DETECT_ENVELOPE = "Detect EventBridge envelope";
  public static final String UNWRAP_ENVELOPE = "Unwrap EventBridge detail";
  public static final String CHECK_INPUT = "Check input";
  public static final String CHECK_DETAIL = "Check EventBridge detail";
  public static final String DESCRIBE_INPUT_REFUSED = "Describe refused input";
  public static final String INPUT_REFUSED = "Input refused";
  public static final String MERGE_ENVELOPE = "Merge EventBridge detail";
  public static final String INPUT_DEFAULTS = "Gather input defaults";
  public static final String MERGE_DEFAULTS = "Apply input defaults";
  public static final String BUILD_DOCUMENT = "Build Ferry document";
  public static final String ACQUIRE_LOCK = "Acquire lock and start";
  public static final String ASK_LOCK_HOLDER = "Ask whether the lock holder runs";
  public static final String CHECK_HOLDER_ANSWER = "Check lock holder answer";
  public static final String LOCK_HELD_BY = "Lock held by a known run";
  public static final String READ_LOCK = "Read lock holder";
  public static final String CHECK_LOCK = "Check lock holder";
  public static final String DESCRIBE_LOCK = "Describe lock holder";
  public static final String LOCK_HELD = "Lock held";
  public static final String LOCK_HELD_UNKNOWN = "Lock held by an unknown run";
  public static final String SUCCEEDED = "Migration succeeded";
  public static final String DESCRIBE_FAILURE = "Describe failure";
  public static final String FORMAT_FAILURE = "Format failure report";
  public static final String FAILED = "Migration failed";
  public static final String DESCRIBE_ROLLBACK_FAILURE = "Describe rollback failure";
  public static final String ROLLBACK_FAILED = "Rollback failed";
  public static final String DESCRIBE_INCOMPLETE = "Describe incomplete run";
  public static final String INCOMPLETE = "Migration incomplete";

  /** Why a step failed; each has its own failure record state. */
  public enum Failure {
    ERROR(""),
    EXPECTATION(" (expectation)"),
    PRECONDITION(" (precondition)"),
    TIMEOUT(" (timeout)"),
    REJECTED(" (rejected)"),
    APPROVAL_TIMEOUT(" (unanswered)"),
    RECORD(" (recording)"),
    RESULT_INVALID(" (result invalid)");

    private final String suffix;

    Failure(String suffix) {
      this.suffix = suffix;
    }
  }

  private StateNames() {}

  /** The work state: the step's title, or its id as words ({@code Snapshot database}). */
  public static String work(Step step) {
    return step.title().orElseGet(() -> words(step.id()));
  }

  /** The Choice after the already-done check: nothing to do, or on to the migration. */
  public static String alreadyDone(Step step) {
    return "Check: " + step.id() + " already done?";
  }

  /** The record of a run that found nothing to do: check done, run succeeded, lock released. */
  public static String recordNothingToDo(Step step) {
    return recordNothingToDo(step.id());
  }

  /** The nothing-to-do record of step {@code stepId}: how a reader of the structure finds a migration's already-done check. */
  public static String recordNothingToDo(String stepId) {
    return "Record: " + stepId + " nothing to do";
  }

  public static String record(Step step) {
    return "Record: " + step.id() + " done";
  }

  /**
   * The failure record shared by every step whose failure starts compensation at {@code undo}
   * (or compensates nothing); {@code caught} marks failures caught from a task or branch rather
   * than found by a Choice.
   */
  public static String recordFailure(Optional<Step> undo, Failure failure, boolean caught) {
    boolean twoWays = failure == Failure.EXPECTATION || failure == Failure.TIMEOUT;
    String kind = failure == Failure.ERROR ? ""
        : " (" + failure.suffix.trim().replaceAll("[()]", "") + (twoWays && caught ? ", caught" : "") + ")";
    return "Record failure" + kind + undo.map(u -> ", undo " + u.id()).orElse("");
  }

  /** Every failure-record name that starts compensation at {@code undo} (or none). */
  public static List<String> recordFailures(Optional<Step> undo) {
    List<String> names = new ArrayList<>();
    for (Failure f : Failure.values()) {
      for (boolean caught : new boolean[] {true, false}) {
        names.add(recordFailure(undo, f, caught));
        names.add(notRecorded(recordFailure(undo, f, caught)));
      }
    }
    return names.stream().distinct().toList();
  }

  /** The failure record of a step after the point of no return: nothing compensated, lock kept. */
  public static String recordIncomplete(Step step, Failure failure, boolean caught) {
    return recordIncomplete(step.id()) + failure.suffix + (caught ? " (caught)" : "");
  }

  /** The start every failure-record name of step {@code stepId} after the point of no return shares. */
  public static String recordIncomplete(String stepId) {
    return "Record: " + stepId + " incomplete";
  }

  public static String failed(Step step, Failure failure) {
    return "Record: " + step.id() + " failed" + failure.suffix;
  }

  /**
   * The Pass that stands in for a failure record whose write failed after its retries: it sets
   * what the write would have, so the failure path never reads a field only the write sets.
   */
  public static String notRecorded(String failureRecord) {
    return "Unrecorded" + failureRecord.substring("Record".length());
  }

  /** A Fail state inside a parallel branch, where failures end the branch. */
  public static String branchFail(Step step, Failure failure) {
    return "Fail: " + step.id() + failure.suffix;
  }

  /** The end of a parallel branch whose last state cannot end it (a Choice). */
  public static String branchDone(Step step) {
    return "Done: " + step.id();
  }

  public static String check(Step step) {
    return "Check: " + step.id() + " result";
  }

  /** Where a missing or mistyped result field goes ({@code problem}: missing, not a string, ...). */
  public static String invalidResult(Step step, String field, String problem, boolean poll) {
    return "Invalid " + (poll ? "poll result" : "result") + ": " + step.id() + " " + field + " " + problem;
  }

  /** Every invalid-result state of a step with these checks. */
  public static List<String> invalidResults(Step step, ResultChecks checks) {
    List<String> names = new ArrayList<>();
    checks.afterCall().forEach(c -> names.addAll(invalidResults(step, c, false)));
    checks.everyPoll().forEach(c -> names.addAll(invalidResults(step, c, true)));
    checks.whenPollDone().forEach(c -> names.addAll(invalidResults(step, c, true)));
    return names;
  }

  private static List<String> invalidResults(Step step, ResultChecks.FieldCheck check, boolean poll) {
    List<String> names = new ArrayList<>(List.of(invalidResult(step, check.field(), "missing", poll)));
    check.orderedNeeds().stream().filter(n -> n != ResultChecks.Need.PRESENT)
        .forEach(n -> names.add(invalidResult(step, check.field(), "not " + n.words(), poll)));
    return names;
  }

  /** The Pass that turns version strings into numbers, after the check proved them strings. */
  public static String parseVersions(Step step) {
    return "Parse versions: " + step.id();
  }

  public static String compareVersions(Step step) {
    return "Compare versions: " + step.id();
  }

  public static String pollParseVersions(Step step) {
    return "Poll parse versions: " + step.id();
  }

  public static String pollCompare(Step step) {
    return "Poll compare: " + step.id();
  }

  public static String pollCall(Step step) {
    return "Poll: " + step.id();
  }

  public static String pollCheck(Step step) {
    return "Poll check: " + step.id();
  }

  public static String pollWait(Step step) {
    return "Poll wait: " + step.id();
  }

  public static String pollNext(Step step) {
    return "Poll next: " + step.id();
  }

  public static String pollHold(Step step) {
    return "Poll hold: " + step.id();
  }

  public static String pollStart(Step step) {
    return "Poll start: " + step.id();
  }

  public static String invalidInput(String field, String problem) {
    return "Invalid input: " + field + " " + problem;
  }

  /** The names of the states Ferry adds around the steps, apart from per-field input failures. */
  public static List<String> injected() {
    List<String> names = new ArrayList<>(recordFailures(Optional.empty()));
    names.addAll(List.of(DETECT_ENVELOPE, CHECK_DETAIL, UNWRAP_ENVELOPE, MERGE_ENVELOPE, CHECK_INPUT,
        DESCRIBE_INPUT_REFUSED, INPUT_REFUSED, INPUT_DEFAULTS, MERGE_DEFAULTS,
        BUILD_DOCUMENT, ACQUIRE_LOCK, ASK_LOCK_HOLDER, CHECK_HOLDER_ANSWER, LOCK_HELD_BY, READ_LOCK, CHECK_LOCK, DESCRIBE_LOCK, LOCK_HELD, LOCK_HELD_UNKNOWN, SUCCEEDED,
        DESCRIBE_FAILURE, FORMAT_FAILURE, FAILED, DESCRIBE_ROLLBACK_FAILURE, ROLLBACK_FAILED));
    return names;
  }

  /** Every name a compensation step may produce. */
  public static List<String> allOfCompensation(Step step) {
    List<String> names = new ArrayList<>(all(step));
    for (Failure f : Failure.values()) {
      names.add(failed(step, f));
      names.add(notRecorded(failed(step, f)));
    }
    names.addAll(recordFailures(Optional.of(step)));
    return names;
  }

  /** Every name a work step may produce. */
  public static List<String> all(Step step) {
    List<String> names = new ArrayList<>(List.of(work(step), record(step)));
    for (Failure f : Failure.values()) {
      names.add(branchFail(step, f));
    }
    names.add(branchDone(step));
    names.addAll(List.of(check(step), parseVersions(step), compareVersions(step)));
    if (step.poll().isPresent()) {
      names.addAll(List.of(pollCall(step), pollCheck(step), pollWait(step), pollNext(step), pollHold(step), pollStart(step),
          pollParseVersions(step), pollCompare(step)));
    }
    return names;
  }

  /** Every name the input check produces for a parameter. */
  public static List<String> all(Parameter<?> parameter) {
    String field = "parameters." + parameter.name();
    return List.of(invalidInput(field, "missing"), invalidInput(field, "not " + withArticle(parameter.type())),
        invalidInput(field, "empty"));
  }

  /** {@code a string}, {@code an object}. */
  public static String withArticle(ParameterType type) {
    return (type == ParameterType.OBJECT ? "an " : "a ") + type.words();
  }

  /** {@code snapshot-database} as {@code Snapshot database}; {@code code-to-2-0} as {@code Code to 2.0}. */
  public static String words(String id) {
    String spaced = id.replaceAll("(?<=\\d)-(?=\\d)", ".").replace('-', ' ');
    return spaced.isEmpty() ? spaced : spaced.substring(0, 1).toUpperCase(Locale.ROOT) + spaced.substring(1);
  }
}
