package dev.ferry.deploy.rehearse;

import dev.ferry.deploy.FerryException;
import dev.ferry.deploy.local.Fault;
import dev.ferry.deploy.local.Faults;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * The faults a rehearsal injects into one work step, each the way AWS would report it to the
 * machine. A fault strikes only the step under test: the step's own calls (so a compensation that
 * calls the same function still works), or the one write that records the step done.
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
  CRASH("crash", "the runner dies after the step's work, before its result is recorded; the run is redriven");

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

  /** Arms this fault against {@code step}. */
  public void arm(Faults faults, WorkStep step) {
    switch (this) {
      case THROWS -> faults.inject(step.function(),
          new Fault.Fail("Ferry.InjectedFailure", "ferry rehearse: " + step.id() + " throws", 1));
      case TIMEOUT -> faults.inject(step.function(), new Fault.TimedOut(1));
      case THROTTLE -> faults.inject(step.function(), Fault.throttle(step.throttleAttempts()));
      case RECORD_THROTTLED -> faults.inject(new Faults.DynamoDbFault("TransactWriteItems",
          "ProvisionedThroughputExceededException", Fault.ALWAYS, r -> recordsDone(r, step)));
      case RECORD_REFUSED -> faults.inject(new Faults.DynamoDbFault("TransactWriteItems",
          "AccessDeniedException", Fault.ALWAYS, r -> recordsDone(r, step)));
      case CRASH -> faults.inject(step.function(), new Fault.Crash(1));
    }
  }

  /** Whether {@code request} is the transaction that writes {@code step}'s SUCCEEDED audit row. */
  private static boolean recordsDone(SdkRequest request, WorkStep step) {
    return request instanceof TransactWriteItemsRequest transaction && transaction.transactItems().stream()
        .filter(item -> item.put() != null && item.put().item().containsKey("entry"))
        .map(item -> item.put().item().get("entry").s())
        .anyMatch(entry -> entry.endsWith("#" + step.id() + "#SUCCEEDED"));
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

  static String names() {
    return Arrays.stream(values()).map(FaultKind::cliName).collect(Collectors.joining(", "));
  }
}
