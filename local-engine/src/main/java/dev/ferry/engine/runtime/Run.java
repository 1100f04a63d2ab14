package dev.ferry.engine.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.engine.ExecutionResult;
import dev.ferry.engine.ExecutionStatus;
import dev.ferry.engine.HistoryEvent;
import dev.ferry.engine.StatesError;
import dev.ferry.engine.asl.Common;
import dev.ferry.engine.asl.State;
import dev.ferry.engine.asl.StateMachine;
import dev.ferry.engine.data.Env;
import dev.ferry.engine.data.Json;
import dev.ferry.engine.tasks.MockTestCase;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;

/**
 * One execution of a state machine: its lifecycle (start, end, stop, timeout, redrive from the
 * state that did not complete) and the walk through its states, recording the history. The pieces
 * of a state's work live beside it: {@link DataFlow}, {@link ErrorHandling} (Retry and Catch),
 * {@link TaskInvocation} and {@link FanOut} (Parallel and Map).
 */
public final class Run {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

  private final Scheduler scheduler;
  private final DataFlow flow;
  private final ErrorHandling errors;
  private final TaskInvocation tasks;
  private final FanOut fanOut;
  private final StateMachine machine;
  private final String name;
  private final String arn;
  private final String machineName;
  private final JsonNode input;
  private final History history;
  private final ObjectNode stateMachineContext;
  private final CompletableFuture<ExecutionResult> done = new CompletableFuture<>();
  private volatile ObjectNode executionContext;
  private volatile Frame root;
  private volatile ExecutionStatus status = ExecutionStatus.RUNNING;
  private volatile Frame redrivePoint;
  private volatile Entered lastEntered;
  private volatile String failedState;
  private volatile JsonNode failedInput;
  private volatile Map<String, JsonNode> failedVariables;
  /** Outputs of the branches or iterations that succeeded in a failed top-level Parallel or Map, kept for redrive. */
  final Map<String, JsonNode[]> completedParts = new ConcurrentHashMap<>();
  private volatile CompletableFuture<ExecutionResult> redriveFuture;
  /** Completes when the latest attempt's top-level thread has unwound. */
  private volatile CompletableFuture<Void> attemptUnwound = CompletableFuture.completedFuture(null);
  private int redriveCount;
  private volatile FormattedTime lastFormatted;

  public Run(
      Scheduler scheduler,
      TaskDispatch dispatch,
      Callbacks callbacks,
      MockTestCase mocks,
      DoubleSupplier jitter,
      StateMachine machine,
      String machineName,
      String name,
      JsonNode input) {
    this.scheduler = scheduler;
    this.machine = machine;
    this.machineName = machineName;
    this.name = name;
    this.input = input;
    this.arn = "arn:aws:states:us-east-1:123456789012:execution:" + machineName + ":" + name;
    this.history = new History(scheduler);
    this.flow = new DataFlow(this);
    this.errors = new ErrorHandling(this, flow, jitter);
    this.tasks = new TaskInvocation(scheduler, dispatch, callbacks, mocks, history, arn);
    this.fanOut = new FanOut(this, scheduler, history);
    // Shared by every context object of the run, like its Execution member: the engine never changes one in place.
    this.stateMachineContext = Json.object();
    stateMachineContext.put("Id", machineArn());
    stateMachineContext.put("Name", machineName);
  }

  public String arn() {
    return arn;
  }

  public String name() {
    return name;
  }

  public ExecutionStatus status() {
    return status;
  }

  public CompletableFuture<ExecutionResult> done() {
    return done;
  }

  public List<HistoryEvent> history() {
    return history.snapshot();
  }

  /** Whether {@code frame} is the execution's top level (a failed Parallel or Map there keeps its finished parts for redrive). */
  boolean isRoot(Frame frame) {
    return frame == root;
  }

  public void start() {
    ObjectNode details = Json.object();
    details.set("input", input);
    details.put("roleArn", "arn:aws:iam::123456789012:role/ferry-local");
    details.put("stateMachineArn", machineArn());
    history.add("ExecutionStarted", details);
    executionContext = executionContext(scheduler.now());
    root = new Frame(new HashMap<>());
    Frame frame = root;
    // Armed before the first state runs, so the virtual clock cannot jump past it unseen.
    if (machine.timeoutSeconds() != null) {
      scheduler.schedule(Duration.ofSeconds(machine.timeoutSeconds()), true, () -> end(ExecutionStatus.TIMED_OUT, "States.Timeout", "The execution ran longer than its TimeoutSeconds (" + machine.timeoutSeconds() + ")."));
    }
    CompletableFuture<Void> unwound = new CompletableFuture<>();
    attemptUnwound = unwound;
    scheduler.spawn(() -> runTopLevel(frame, machine.startAt(), input, unwound));
  }

  /** Re-runs a failed, timed-out or aborted execution from the state that did not complete, keeping the completed ones. */
  public CompletableFuture<ExecutionResult> redrive() {
    if (status != ExecutionStatus.RUNNING) {
      // The ended attempt's thread may still be unwinding; nothing it does may touch the redrive.
      attemptUnwound.join();
    }
    return redriveFromFailedState();
  }

  private synchronized CompletableFuture<ExecutionResult> redriveFromFailedState() {
    if (status == ExecutionStatus.RUNNING || status == ExecutionStatus.SUCCEEDED || failedState == null) {
      throw new IllegalStateException(
          "Execution '" + name + "' cannot be redriven: it is " + status + (failedState == null ? " and has no failed state" : "") + "; only FAILED, TIMED_OUT or ABORTED executions can.");
    }
    redriveCount++;
    status = ExecutionStatus.RUNNING;
    CompletableFuture<ExecutionResult> next = new CompletableFuture<>();
    redriveFuture = next;
    ObjectNode details = Json.object();
    details.put("redriveCount", redriveCount);
    history.add("ExecutionRedriven", details);
    executionContext = executionContext(Instant.parse(executionContext.get("StartTime").asText()));
    root = new Frame(new HashMap<>(failedVariables));
    Frame frame = root;
    String from = failedState;
    JsonNode with = failedInput;
    CompletableFuture<Void> unwound = new CompletableFuture<>();
    attemptUnwound = unwound;
    scheduler.spawn(() -> runTopLevel(frame, from, with, unwound));
    return next;
  }

  /** The result of the latest run: the redrive's if there was one. */
  public CompletableFuture<ExecutionResult> latest() {
    CompletableFuture<ExecutionResult> r = redriveFuture;
    return r != null ? r : done;
  }

  public void stop(String error, String cause) {
    end(ExecutionStatus.ABORTED, error, cause);
  }

  private ObjectNode executionContext(Instant start) {
    ObjectNode execution = Json.object();
    execution.put("Id", arn);
    execution.set("Input", input);
    execution.put("Name", name);
    execution.put("RoleArn", "arn:aws:iam::123456789012:role/ferry-local");
    execution.put("StartTime", TIME.format(start));
    execution.put("RedriveCount", redriveCount);
    return execution;
  }

  private String machineArn() {
    return "arn:aws:states:us-east-1:123456789012:stateMachine:" + machineName;
  }

  private void runTopLevel(Frame frame, String startAt, JsonNode data, CompletableFuture<Void> unwound) {
    try {
      JsonNode output = runMachine(machine, startAt, data, frame, true);
      ObjectNode details = Json.object();
      details.set("output", output);
      finish(ExecutionResult.succeeded(output), "ExecutionSucceeded", details);
    } catch (StatesError e) {
      end(ExecutionStatus.FAILED, e.error(), e.cause());
    } catch (Aborted e) {
      // stop() or the execution timeout already ended the run.
    } catch (RuntimeException e) {
      end(ExecutionStatus.FAILED, "States.Runtime", "Internal error: " + e);
    } finally {
      unwound.complete(null);
    }
  }

  private void end(ExecutionStatus ending, String error, String cause) {
    if (ending != ExecutionStatus.FAILED) {
      keepRedrivePoint();
    }
    ObjectNode details = Json.object();
    if (error != null) {
      details.put("error", error);
    }
    if (cause != null) {
      details.put("cause", cause);
    }
    String type =
        switch (ending) {
          case FAILED -> "ExecutionFailed";
          case TIMED_OUT -> "ExecutionTimedOut";
          case ABORTED -> "ExecutionAborted";
          case RUNNING, SUCCEEDED -> throw new IllegalArgumentException(ending.name());
        };
    Frame ended = finish(ExecutionResult.ended(ending, error, cause), type, details);
    if (ended != null) {
      ended.abort();
    }
  }

  /** A stopped or timed-out execution is redriven from the top-level state it was in, as a failed one is. */
  private synchronized void keepRedrivePoint() {
    Entered at = lastEntered;
    if (status == ExecutionStatus.RUNNING && at != null) {
      failedState = at.state();
      failedInput = at.input();
      failedVariables = at.variables();
    }
  }

  /**
   * Ends the run once and returns the frame it ended (null if it had already ended). The frame is
   * taken under the same lock as the status change: once the status leaves RUNNING a redrive may
   * install a new root, which this run must not abort.
   */
  private synchronized Frame finish(ExecutionResult result, String eventType, ObjectNode details) {
    if (status != ExecutionStatus.RUNNING) {
      return null;
    }
    status = result.status();
    history.add(eventType, details);
    Frame ended = root;
    CompletableFuture<ExecutionResult> target = redriveFuture != null ? redriveFuture : done;
    target.complete(result);
    return ended;
  }

  // ---------------------------------------------------------------- states

  /** The top-level state last entered, with the input and variables it started with. */
  private record Entered(String state, JsonNode input, Map<String, JsonNode> variables) {}

  JsonNode runMachine(StateMachine sm, String startAt, JsonNode data, Frame frame, boolean topLevel) {
    String current = startAt;
    JsonNode value = data;
    while (true) {
      frame.checkAborted();
      State state = sm.state(current);
      if (topLevel) {
        // A stop or the execution timeout may come from another thread at any moment: the redrive point is ready.
        lastEntered = new Entered(state.name(), value, Map.copyOf(frame.variables));
      }
      Step step;
      try {
        step = runState(state, value, frame);
      } catch (StatesError e) {
        if (topLevel) {
          failedState = state.name();
          failedInput = value;
          // A failing state's Assign is never applied, so the variables are those it started with.
          failedVariables = Map.copyOf(frame.variables);
        }
        throw e;
      }
      if (step.next() == null) {
        return step.output();
      }
      current = step.next();
      value = step.output();
    }
  }

  private Step runState(State state, JsonNode raw, Frame frame) {
    Common c = state.common();
    history.stateEntered(enteredType(state), c.name(), raw);
    long entered = scheduler.nowMillis();
    Step step =
        switch (state) {
          case State.Pass pass -> pass(pass, raw, frame, entered);
          case State.Task task -> guarded(task, raw, frame, entered);
          case State.Choice choice -> choice(choice, raw, frame, entered);
          case State.Wait wait -> waitState(wait, raw, frame, entered);
          case State.Succeed succeed -> new Step(null, flow.plainOutput(c, raw, frame, entered));
          case State.Fail fail -> throw fail(fail, raw, frame, entered);
          case State.Parallel parallel -> guarded(parallel, raw, frame, entered);
          case State.MapState map -> guarded(map, raw, frame, entered);
        };
    history.stateExited(exitedType(state), c.name(), step.output());
    return step;
  }

  private static String enteredType(State state) {
    return switch (state) {
      case State.Pass p -> "PassStateEntered";
      case State.Task t -> "TaskStateEntered";
      case State.Choice c -> "ChoiceStateEntered";
      case State.Wait w -> "WaitStateEntered";
      case State.Succeed s -> "SucceedStateEntered";
      case State.Fail f -> "FailStateEntered";
      case State.Parallel p -> "ParallelStateEntered";
      case State.MapState m -> "MapStateEntered";
    };
  }

  private static String exitedType(State state) {
    return switch (state) {
      case State.Pass p -> "PassStateExited";
      case State.Task t -> "TaskStateExited";
      case State.Choice c -> "ChoiceStateExited";
      case State.Wait w -> "WaitStateExited";
      case State.Succeed s -> "SucceedStateExited";
      case State.Fail f -> "FailStateExited";
      case State.Parallel p -> "ParallelStateExited";
      case State.MapState m -> "MapStateExited";
    };
  }

  ObjectNode context(String stateName, long entered, int retryCount) {
    ObjectNode context = Json.object();
    context.set("Execution", executionContext);
    ObjectNode state = context.putObject("State");
    state.put("EnteredTime", formatted(entered));
    state.put("Name", stateName);
    state.put("RetryCount", retryCount);
    context.set("StateMachine", stateMachineContext);
    return context;
  }

  /** A time as the context object shows it; the last one is kept, as on the virtual clock most states enter at the same instant. */
  private String formatted(long millis) {
    FormattedTime last = lastFormatted;
    if (last == null || last.millis() != millis) {
      last = new FormattedTime(millis, TIME.format(Instant.ofEpochMilli(millis)));
      lastFormatted = last;
    }
    return last.text();
  }

  private record FormattedTime(long millis, String text) {}

  private Step pass(State.Pass pass, JsonNode raw, Frame frame, long entered) {
    Common c = pass.common();
    if (c.jsonata()) {
      return new Step(c.next(), flow.plainOutput(c, raw, frame, entered));
    }
    JsonNode in = flow.effectiveInput(c, raw, frame, entered);
    JsonNode result;
    if (c.parameters() != null) {
      result = c.parameters().render(flow.env(in, frame, c.name(), entered));
    } else if (pass.result() != null) {
      result = pass.result();
    } else {
      result = in;
    }
    return new Step(c.next(), flow.resultOutput(c, raw, result, frame, entered));
  }

  private Step choice(State.Choice choice, JsonNode raw, Frame frame, long entered) {
    Common c = choice.common();
    JsonNode in = flow.effectiveInput(c, raw, frame, entered);
    Env env = flow.env(in, frame, c.name(), entered);
    for (State.Choice.Branch branch : choice.choices()) {
      if (ChoiceRules.matches(branch.rule(), env)) {
        JsonNode out;
        if (c.jsonata()) {
          out = branch.output() != null ? branch.output().render(env) : c.output() != null ? c.output().render(env) : raw;
        } else {
          out = flow.choiceOutput(c, in, frame, entered);
        }
        DataFlow.assign(branch.assign(), env, frame);
        return new Step(branch.next(), out);
      }
    }
    if (choice.defaultState() == null) {
      throw new StatesError("States.NoChoiceMatched", "No Matches!");
    }
    return new Step(choice.defaultState(), flow.plainOutput(c, raw, frame, entered));
  }

  private Step waitState(State.Wait wait, JsonNode raw, Frame frame, long entered) {
    Common c = wait.common();
    JsonNode in = flow.effectiveInput(c, raw, frame, entered);
    Env env = flow.env(in, frame, c.name(), entered);
    Duration delay;
    if (wait.seconds() != null) {
      delay = Duration.ofSeconds(NumericFields.waitSeconds(wait.seconds(), env, c));
    } else if (wait.timestamp() != null) {
      JsonNode timestamp = DataFlow.value(wait.timestamp(), env);
      Instant until;
      try {
        until = OffsetDateTime.parse(timestamp.asText()).toInstant();
      } catch (DateTimeParseException e) {
        throw new StatesError(c.jsonata() ? "States.QueryEvaluationError" : "States.Runtime", "The Timestamp of Wait state '" + c.name() + "' is not an ISO-8601 timestamp: " + Json.write(timestamp));
      }
      delay = Duration.between(scheduler.now(), until);
    } else {
      throw new StatesError("States.Runtime", "Wait state '" + c.name() + "' has none of Seconds, SecondsPath, Timestamp, TimestampPath.");
    }
    sleep(delay, frame);
    return new Step(c.next(), flow.plainOutput(c, raw, frame, entered));
  }

  void sleep(Duration delay, Frame frame) {
    if (delay.isNegative() || delay.isZero()) {
      return;
    }
    Waiter<Object> waiter = scheduler.waiter();
    scheduler.schedule(delay, false, () -> waiter.complete(Boolean.TRUE));
    frame.park(waiter);
  }

  private StatesError fail(State.Fail fail, JsonNode raw, Frame frame, long entered) {
    Common c = fail.common();
    Env env = flow.env(flow.effectiveInput(c, raw, frame, entered), frame, c.name(), entered);
    String error = fail.error() == null ? null : text(DataFlow.value(fail.error(), env), c, "Error");
    String cause = fail.cause() == null ? null : text(DataFlow.value(fail.cause(), env), c, "Cause");
    return new StatesError(error, cause);
  }

  private static String text(JsonNode node, Common c, String field) {
    if (!node.isTextual()) {
      throw new StatesError(c.jsonata() ? "States.QueryEvaluationError" : "States.Runtime", "The " + field + " of Fail state '" + c.name() + "' must be a string, got " + Json.write(node));
    }
    return node.asText();
  }

  /** Runs a Task, Parallel or Map state's work with its Retry and Catch. */
  private Step guarded(State state, JsonNode raw, Frame frame, long entered) {
    return errors.guarded(state.common(), raw, frame, entered, retryCount -> attempt(state, raw, frame, entered, retryCount));
  }

  /** One attempt of the state's work; returns the result after ResultSelector. */
  private JsonNode attempt(State state, JsonNode raw, Frame frame, long entered, int retryCount) {
    Common c = state.common();
    JsonNode in = flow.effectiveInput(c, raw, frame, entered);
    Env env = flow.env(in, frame, c.name(), entered, retryCount);
    JsonNode result =
        switch (state) {
          case State.Task task -> tasks.task(task, env, frame);
          case State.Parallel parallel -> fanOut.parallel(parallel, env, frame);
          case State.MapState map -> fanOut.map(map, env, frame);
          case State.Pass p -> throw new IllegalStateException(p.name());
          case State.Choice p -> throw new IllegalStateException(p.name());
          case State.Wait p -> throw new IllegalStateException(p.name());
          case State.Succeed p -> throw new IllegalStateException(p.name());
          case State.Fail p -> throw new IllegalStateException(p.name());
        };
    if (c.resultSelector() != null) {
      result = c.resultSelector().render(env.withInput(result));
    }
    return result;
  }
}
