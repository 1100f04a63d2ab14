package dev.ferry.deploy.rehearse;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.deploy.FerryException;
import dev.ferry.deploy.local.Fault;
import dev.ferry.deploy.local.Faults;
import dev.ferry.dsl.StepKind;
import dev.ferry.dsl.compile.CallKind;
import dev.ferry.dsl.compile.StateNames;
import dev.ferry.dsl.compile.StateRole;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * The faults a rehearsal injects into one step, each the way AWS would report it to the machine. A
 * fault strikes only the step under test: the step's own calls (so a compensation that calls the
 * same function still works), or the one write that records the step done. Each says which steps it
 * applies to, from the compiled structure alone.
 */
public enum FaultKind {

  /** The step's function throws: a Ferry error the machine does not retry. */
  THROWS("throws", "the step's function throws (Ferry.InjectedFailure, not retried)"),

  /**
   * The step outlives its TimeoutSeconds. The local engine runs in-process handlers synchronously,
   * so on the virtual clock no timeout can fire while one runs; the fault ends the call as AWS
   * reports a task timeout, {@code States.Timeout}.
   */
  TIMEOUT("timeout", "the step outlives its TimeoutSeconds (States.Timeout)"),

  /** Lambda throttles every attempt of the step, so its Retry runs out. */
  THROTTLE("throttle", "Lambda.TooManyRequestsException on every attempt the Retry allows"),

  /** The write recording the step done is throttled on every attempt, past the DynamoDB Retry. */
  RECORD_THROTTLED("record-throttled", "the progress and audit write of the step is throttled beyond its Retry"),

  /** The write recording the step done is refused outright (not retried), e.g. a lost grant. */
  RECORD_REFUSED("record-refused", "the progress and audit write of the step fails hard (AccessDeniedException)"),

  /**
   * The process running the step dies after the step's work and before its result is recorded;
   * the execution stops there (ABORTED) and is redriven, which runs the step again.
   */
  CRASH("crash", "the runner dies after the step's work, before its result is recorded; the run is redriven"),

  /**
   * The step throws, and the first compensation its failure runs fails too: the run must end
   * {@code Ferry.RollbackFailed} with the lock kept for an operator. Applies to steps whose failure
   * undoes something.
   */
  COMPENSATION_FAILS("compensation-fails", "the step throws and the first compensation that runs fails as well"),

  /**
   * A pause step pauses the first writers, then meets one it cannot pause ({@code
   * Ferry.WriterNotFound}): the writers it did pause must not be left paused. Applies to steps that
   * call {@code ferry-writers-pause}.
   */
  PARTIAL_PAUSE("partial-pause", "the pause step pauses some writers, then one cannot be paused"),

  /** The approval is rejected ({@code ferry reject}). Applies to approval steps. */
  APPROVAL_REJECTED("approval-rejected", "the approval is rejected"),

  /** Nobody answers the approval before its TimeoutSeconds ({@code States.Timeout}). Applies to approval steps. */
  APPROVAL_TIMEOUT("approval-timeout", "the approval is not answered in time"),

  /**
   * Not a fault of the step but of the schedule: the run starts on a target a first, fault-free run
   * of the same world already migrated, as a nightly schedule or a retry does. It must find nothing
   * to do and touch nothing. Applies to the migration's already-done check
   * ({@code Migration.alreadyDoneWhen}).
   */
  ALREADY_DONE("already-done", "the run starts on a target already migrated: it must find nothing to do and touch nothing");

  static final String PAUSE_FUNCTION = "ferry-writers-pause";
  /** A writer no target has, which the partial pause adds after the real ones. */
  static final String UNPAUSABLE_WRITER = "ferry-rehearse-unpausable-writer";

  private final String cliName;
  private final String description;

  FaultKind(String cliName, String description) {
    this.cliName = cliName;
    this.description = description;
  }

  public String cliName() {
    return cliName;
  }

  public String description() {
    return description;
  }

  /** Whether this fault can strike {@code point}. */
  public boolean appliesTo(FaultPoint point) {
    boolean approval = point.step().kind() == StepKind.APPROVAL
        || point.step().workCall().filter(c -> c.kind() == CallKind.LAMBDA_CALLBACK).isPresent();
    return switch (this) {
      case THROWS, TIMEOUT, THROTTLE, RECORD_THROTTLED, RECORD_REFUSED, CRASH -> !approval;
      case COMPENSATION_FAILS -> !approval && point.compensationFunction().isPresent();
      case PARTIAL_PAUSE -> point.function().endsWith(PAUSE_FUNCTION);
      case APPROVAL_REJECTED, APPROVAL_TIMEOUT -> approval;
      case ALREADY_DONE -> point.step().states(StateRole.RECORD).contains(StateNames.recordNothingToDo(point.id()));
    };
  }

  /** Arms this fault against {@code point} on a run's own faults. */
  public void arm(Faults faults, FaultPoint point) {
    String function = point.function();
    switch (this) {
      case THROWS -> faults.inject(function, injected(point));
      case TIMEOUT, APPROVAL_TIMEOUT -> faults.inject(function, new Fault.TimedOut(1));
      case THROTTLE -> faults.inject(function, Fault.throttle(point.throttleAttempts()));
      case RECORD_THROTTLED -> faults.inject(new Faults.DynamoDbFault("TransactWriteItems",
          "ProvisionedThroughputExceededException", Fault.ALWAYS, r -> recordsDone(r, point)));
      case RECORD_REFUSED -> faults.inject(new Faults.DynamoDbFault("TransactWriteItems",
          "AccessDeniedException", Fault.ALWAYS, r -> recordsDone(r, point)));
      case CRASH -> faults.inject(function, new Fault.Crash(1));
      case COMPENSATION_FAILS -> {
        String undo = point.compensationFunction().orElseThrow();
        faults.inject(undo, new Fault.Fail("Ferry.InjectedFailure",
            "ferry rehearse: compensation " + point.firstCompensation().orElseThrow().id() + " fails", Fault.ALWAYS));
        if (!undo.equals(function)) {
          faults.inject(function, injected(point));
        }
      }
      case PARTIAL_PAUSE -> faults.inject(function, new Fault.Tamper(payload -> {
        if (payload instanceof ObjectNode o && o.get("writers") instanceof ArrayNode writers) {
          writers.addObject().put("type", "local").put("name", UNPAUSABLE_WRITER);
        }
        return payload;
      }, 1));
      // The rehearsal migrates the target first (RehearsalRun); nothing is injected.
      case APPROVAL_REJECTED, ALREADY_DONE -> { }
    }
  }

  private static Fault injected(FaultPoint point) {
    return new Fault.Fail("Ferry.InjectedFailure", "ferry rehearse: " + point.id() + " throws", 1);
  }

  /** Whether {@code request} is the transaction that writes {@code point}'s SUCCEEDED audit row. */
  private static boolean recordsDone(SdkRequest request, FaultPoint point) {
    return request instanceof TransactWriteItemsRequest transaction && transaction.transactItems().stream()
        .filter(item -> item.put() != null && item.put().item().containsKey("entry"))
        .map(item -> item.put().item().get("entry").s())
        .anyMatch(entry -> entry.endsWith("#" + point.id() + "#SUCCEEDED"));
  }

  /** {@code all} or a comma-separated list of fault names. */
  public static List<FaultKind> parse(String list) {
    if (list.equals("all")) {
      return List.of(values());
    }
    List<FaultKind> kinds = new ArrayList<>();
    for (String name : list.split(",")) {
      String wanted = name.trim();
      kinds.add(Arrays.stream(values()).filter(k -> k.cliName.equals(wanted)).findFirst()
          .orElseThrow(() -> FerryException.badInput("--faults: '" + wanted + "' is not a fault",
              "use all, or a comma-separated list of " + names())));
    }
    return List.copyOf(kinds);
  }

  public static String names() {
    return Arrays.stream(values()).map(FaultKind::cliName).collect(Collectors.joining(", "));
  }
}
