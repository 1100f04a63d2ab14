package dev.ferry.engine.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.engine.ExecutionResult;
import dev.ferry.engine.ExecutionStatus;
import dev.ferry.engine.HistoryEvent;
import dev.ferry.engine.StatesError;
import dev.ferry.engine.TaskRequest;
import dev.ferry.engine.asl.Catcher;
import dev.ferry.engine.asl.Common;
import dev.ferry.engine.asl.Retrier;
import dev.ferry.engine.asl.State;
import dev.ferry.engine.asl.StateMachine;
import dev.ferry.engine.asl.Value;
import dev.ferry.engine.data.Env;
import dev.ferry.engine.data.Json;
import dev.ferry.engine.data.Template;
import dev.ferry.engine.tasks.MockTestCase;
import dev.ferry.engine.tasks.MockedResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;

/** One execution of a state machine: walks the states on engine threads and records the history. */
public final class Run {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);
  /** AWS runs at most this many inline Map iterations at once. */
  private static final int INLINE_MAP_LIMIT = 40;

  private final Scheduler scheduler;
  private final TaskDispatch dispatch;
  private final Callbacks callbacks;
  private final MockTestCase mocks;
  private final DoubleSupplier jitter;
  private final StateMachine machine;
  private final String name;
  private final String arn;
  private final String machineName;
  private final JsonNode input;
  private final History history;
  private final ObjectNode stateMachineContext;
  private final Map<String, AtomicInteger> invocations = new ConcurrentHashMap<>();
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
  private final Map<String, JsonNode[]> completedParts = new ConcurrentHashMap<>();
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
    this.dispatch = dispatch;
    this.callbacks = callbacks;
    this.mocks = mocks;
    this.jitter = jitter;
    this.machine = machine;
    this.machineName = machineName;
    this.name = name;
    this.input = input;
    this.arn = "arn:aws:states:us-east-1:123456789012:execution:" + machineName + ":" + name;
    this.history = new History(scheduler);
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

  private record Step(String next, JsonNode output) {}

  /** The top-level state last entered, with the input and variables it started with. */
  private record Entered(String state, JsonNode input, Map<String, JsonNode> variables) {}

  private JsonNode runMachine(StateMachine sm, String startAt, JsonNode data, Frame frame, boolean topLevel) {
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
          case State.Succeed succeed -> new Step(null, plainOutput(c, raw, frame, entered));
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

  private ObjectNode context(String stateName, long entered, int retryCount) {
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

  private Env env(JsonNode in, Frame frame, String stateName, long entered) {
    return Env.lazy(in, () -> context(stateName, entered, 0), frame.variables);
  }

  private JsonNode effectiveInput(Common c, JsonNode raw, Frame frame, long entered) {
    if (c.jsonata()) {
      return raw;
    }
    if (c.inputPath() == Template.ROOT) {
      return raw;
    }
    return c.inputPath() == null ? Json.object() : c.inputPath().render(env(raw, frame, c.name(), entered));
  }

  private JsonNode outputPath(Common c, JsonNode value, Frame frame, long entered) {
    if (c.outputPath() == Template.ROOT) {
      return value;
    }
    return c.outputPath() == null ? Json.object() : c.outputPath().render(env(value, frame, c.name(), entered));
  }

  /** Output of a state without a result (Choice, Wait, Succeed): OutputPath or JSONata Output. */
  private JsonNode plainOutput(Common c, JsonNode raw, Frame frame, long entered) {
    if (c.jsonata()) {
      Env env = env(raw, frame, c.name(), entered);
      JsonNode out = c.output() == null ? raw : c.output().render(env);
      assign(c.assign(), env, frame);
      return out;
    }
    JsonNode in = effectiveInput(c, raw, frame, entered);
    JsonNode assigned = c.assign() == null ? null : c.assign().render(env(in, frame, c.name(), entered));
    JsonNode out = outputPath(c, in, frame, entered);
    apply(assigned, frame);
    return out;
  }

  private static void assign(Template assign, Env env, Frame frame) {
    apply(evaluate(assign, env), frame);
  }

  /** Assign values are evaluated against what the state saw, and only become visible after its output is computed. */
  private static JsonNode evaluate(Template assign, Env env) {
    return assign == null ? null : assign.render(env);
  }

  private static void apply(JsonNode assigned, Frame frame) {
    if (assigned != null) {
      assigned.fields().forEachRemaining(e -> frame.variables.put(e.getKey(), e.getValue()));
    }
  }

  /** Applies ResultSelector-free result handling: Assign, ResultPath, OutputPath (JSONPath) or Assign, Output (JSONata). */
  private JsonNode resultOutput(Common c, JsonNode raw, JsonNode result, Frame frame, long entered) {
    if (c.jsonata()) {
      Env withResult = env(raw, frame, c.name(), entered).withResult(result);
      JsonNode out = c.output() == null ? result : c.output().render(withResult);
      assign(c.assign(), withResult, frame);
      return out;
    }
    JsonNode assigned = c.assign() == null ? null : c.assign().render(env(result, frame, c.name(), entered));
    JsonNode combined = c.resultPath() == null ? raw : c.resultPath().put(raw, result);
    JsonNode out = outputPath(c, combined, frame, entered);
    apply(assigned, frame);
    return out;
  }

  private Step pass(State.Pass pass, JsonNode raw, Frame frame, long entered) {
    Common c = pass.common();
    if (c.jsonata()) {
      return new Step(c.next(), plainOutput(c, raw, frame, entered));
    }
    JsonNode in = effectiveInput(c, raw, frame, entered);
    JsonNode result;
    if (c.parameters() != null) {
      result = c.parameters().render(env(in, frame, c.name(), entered));
    } else if (pass.result() != null) {
      result = pass.result();
    } else {
      result = in;
    }
    return new Step(c.next(), resultOutput(c, raw, result, frame, entered));
  }

  private Step choice(State.Choice choice, JsonNode raw, Frame frame, long entered) {
    Common c = choice.common();
    JsonNode in = effectiveInput(c, raw, frame, entered);
    Env env = env(in, frame, c.name(), entered);
    for (State.Choice.Branch branch : choice.choices()) {
      if (ChoiceRules.matches(branch.rule(), env)) {
        JsonNode out;
        if (c.jsonata()) {
          out = branch.output() != null ? branch.output().render(env) : c.output() != null ? c.output().render(env) : raw;
        } else {
          out = outputPath(c, in, frame, entered);
        }
        assign(branch.assign(), env, frame);
        return new Step(branch.next(), out);
      }
    }
    if (choice.defaultState() == null) {
      throw new StatesError("States.NoChoiceMatched", "No Matches!");
    }
    return new Step(choice.defaultState(), plainOutput(c, raw, frame, entered));
  }

  private Step waitState(State.Wait wait, JsonNode raw, Frame frame, long entered) {
    Common c = wait.common();
    JsonNode in = effectiveInput(c, raw, frame, entered);
    Env env = env(in, frame, c.name(), entered);
    Duration delay;
    if (wait.seconds() != null) {
      JsonNode seconds = value(wait.seconds(), env);
      if (!seconds.isIntegralNumber() || seconds.asLong() < 0) {
        throw new StatesError(c.jsonata() ? "States.QueryEvaluationError" : "States.Runtime", "The Seconds of Wait state '" + c.name() + "' must be a non-negative integer, got " + Json.write(seconds));
      }
      delay = Duration.ofMillis(Math.round(seconds.asDouble() * 1000));
    } else if (wait.timestamp() != null) {
      JsonNode timestamp = value(wait.timestamp(), env);
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
    return new Step(c.next(), plainOutput(c, raw, frame, entered));
  }

  private void sleep(Duration delay, Frame frame) {
    if (delay.isNegative() || delay.isZero()) {
      return;
    }
    Waiter<Object> waiter = scheduler.waiter();
    scheduler.schedule(delay, false, () -> waiter.complete(Boolean.TRUE));
    frame.park(waiter);
  }

  private static JsonNode value(Value v, Env env) {
    return switch (v) {
      case Value.Fixed f -> f.value();
      case Value.FromPath p -> p.source().render(env);
      case Value.FromExpression e -> e.expression().evaluate(env);
    };
  }

  private StatesError fail(State.Fail fail, JsonNode raw, Frame frame, long entered) {
    Common c = fail.common();
    Env env = env(effectiveInput(c, raw, frame, entered), frame, c.name(), entered);
    String error = fail.error() == null ? null : text(value(fail.error(), env), c, "Error");
    String cause = fail.cause() == null ? null : text(value(fail.cause(), env), c, "Cause");
    return new StatesError(error, cause);
  }

  private static String text(JsonNode node, Common c, String field) {
    if (!node.isTextual()) {
      throw new StatesError(c.jsonata() ? "States.QueryEvaluationError" : "States.Runtime", "The " + field + " of Fail state '" + c.name() + "' must be a string, got " + Json.write(node));
    }
    return node.asText();
  }

  // ---------------------------------------------------------------- Retry and Catch

  /** Runs a Task, Parallel or Map state's work with its Retry and Catch. */
  private Step guarded(State state, JsonNode raw, Frame frame, long entered) {
    Common c = state.common();
    int[] attempts = new int[c.retry().size()];
    int retryCount = 0;
    while (true) {
      try {
        JsonNode result = attempt(state, raw, frame, entered, retryCount);
        return new Step(c.next(), resultOutput(c, raw, result, frame, entered));
      } catch (StatesError e) {
        if (isTerminal(e.error())) {
          throw e;
        }
        Retrier retrier = null;
        int index = -1;
        for (int i = 0; i < c.retry().size(); i++) {
          if (matches(c.retry().get(i).errorEquals(), e.error())) {
            retrier = c.retry().get(i);
            index = i;
            break;
          }
        }
        if (retrier != null && attempts[index] < retrier.maxAttempts()) {
          sleep(retryDelay(retrier, attempts[index]), frame);
          attempts[index]++;
          retryCount++;
          continue;
        }
        for (Catcher catcher : c.catchers()) {
          if (matches(catcher.errorEquals(), e.error())) {
            return caught(c, catcher, e, raw, frame, entered);
          }
        }
        throw e;
      }
    }
  }

  /** The delay before retry number {@code attempt + 1}: interval × rate^attempt, capped, optionally FULL-jittered. */
  Duration retryDelay(Retrier r, int attempt) {
    double seconds = r.intervalSeconds() * Math.pow(r.backoffRate(), attempt);
    if (r.maxDelaySeconds() != null) {
      seconds = Math.min(seconds, r.maxDelaySeconds());
    }
    if (r.fullJitter()) {
      seconds = seconds * jitter.getAsDouble();
    }
    return Duration.ofMillis(Math.round(seconds * 1000));
  }

  private static boolean isTerminal(String error) {
    return "States.Runtime".equals(error) || "States.DataLimitExceeded".equals(error);
  }

  private static boolean matches(List<String> errorEquals, String error) {
    for (String name : errorEquals) {
      if (name.equals("States.ALL") || name.equals(error)) {
        return true;
      }
      // As AWS documents it: a wildcard for every error name except States.Timeout.
      if (name.equals("States.TaskFailed") && !"States.Timeout".equals(error)) {
        return true;
      }
    }
    return false;
  }

  private Step caught(Common c, Catcher catcher, StatesError e, JsonNode raw, Frame frame, long entered) {
    ObjectNode errorOutput = Json.object();
    errorOutput.put("Error", e.error());
    errorOutput.put("Cause", e.cause());
    Env env = env(raw, frame, c.name(), entered).withErrorOutput(errorOutput);
    JsonNode out;
    if (c.jsonata()) {
      out = catcher.output() == null ? raw : catcher.output().render(env);
    } else {
      out = catcher.resultPath() == null ? raw : catcher.resultPath().put(raw, errorOutput);
    }
    assign(catcher.assign(), c.jsonata() ? env : env.withInput(errorOutput), frame);
    return new Step(catcher.next(), out);
  }

  /** One attempt of the state's work; returns the result after ResultSelector. */
  private JsonNode attempt(State state, JsonNode raw, Frame frame, long entered, int retryCount) {
    Common c = state.common();
    JsonNode in = effectiveInput(c, raw, frame, entered);
    Env env = Env.lazy(in, () -> context(c.name(), entered, retryCount), frame.variables);
    JsonNode result =
        switch (state) {
          case State.Task task -> task(task, env, frame);
          case State.Parallel parallel -> parallel(parallel, env, frame);
          case State.MapState map -> map(map, env, frame);
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

  private JsonNode arguments(Common c, Env env) {
    if (c.jsonata()) {
      return c.arguments() == null ? env.input() : c.arguments().render(env);
    }
    return c.parameters() == null ? env.input() : c.parameters().render(env);
  }

  // ---------------------------------------------------------------- Task

  private JsonNode task(State.Task task, Env env, Frame frame) {
    Common c = task.common();
    String resource = task.resource();
    boolean waitForToken = resource.endsWith(".waitForTaskToken");
    String token = null;
    Env taskEnv = env;
    if (waitForToken) {
      token = UUID.randomUUID().toString();
      ObjectNode context = ((ObjectNode) env.context()).deepCopy();
      context.putObject("Task").put("Token", token);
      taskEnv = env.withContext(context);
    }
    JsonNode parameters = arguments(c, taskEnv);
    Integer timeout = seconds(task.timeoutSeconds(), env, c, "TimeoutSeconds");
    Integer heartbeat = seconds(task.heartbeatSeconds(), env, c, "HeartbeatSeconds");
    boolean lambdaArn = TaskDispatch.isLambdaArn(resource);
    String base = TaskDispatch.baseResource(resource);
    String[] typeAndName = resourceTypeAndName(resource);
    ObjectNode scheduled = Json.object();
    if (lambdaArn) {
      scheduled.put("resource", resource);
      scheduled.set("input", parameters);
      if (timeout != null) {
        scheduled.put("timeoutInSeconds", timeout);
      }
      history.add("LambdaFunctionScheduled", scheduled);
      history.add("LambdaFunctionStarted");
    } else {
      scheduled.put("resourceType", typeAndName[0]);
      scheduled.put("resource", typeAndName[1]);
      scheduled.put("region", "us-east-1");
      scheduled.set("parameters", parameters);
      if (timeout != null) {
        scheduled.put("timeoutInSeconds", timeout);
      }
      if (heartbeat != null) {
        scheduled.put("heartbeatInSeconds", heartbeat);
      }
      history.add("TaskScheduled", scheduled);
      history.task("TaskStarted", typeAndName[0], typeAndName[1], null);
    }
    try {
      JsonNode result = call(c.name(), base, parameters, token, timeout, heartbeat, frame, typeAndName);
      // A result that arrives after the execution was stopped is dropped, as AWS drops it.
      frame.checkAborted();
      if (lambdaArn) {
        history.task("LambdaFunctionSucceeded", null, null, result);
      } else {
        history.task("TaskSucceeded", typeAndName[0], typeAndName[1], result);
      }
      return result;
    } catch (StatesError e) {
      frame.checkAborted();
      ObjectNode failed = Json.object();
      if (!lambdaArn) {
        failed.put("resourceType", typeAndName[0]);
        failed.put("resource", typeAndName[1]);
      }
      failed.put("error", e.error());
      failed.put("cause", e.cause());
      boolean timedOut = "States.Timeout".equals(e.error()) || "States.HeartbeatTimeout".equals(e.error());
      history.add((lambdaArn ? "LambdaFunction" : "Task") + (timedOut ? "TimedOut" : "Failed"), failed);
      throw e;
    }
  }

  private JsonNode call(
      String stateName, String base, JsonNode parameters, String token, Integer timeout, Integer heartbeat, Frame frame, String[] typeAndName) {
    if (mocks != null) {
      int invocation = invocations.computeIfAbsent(stateName, k -> new AtomicInteger()).getAndIncrement();
      MockedResponse mocked = mocks.response(stateName, invocation);
      if (mocked != null) {
        return switch (mocked) {
          case MockedResponse.Return r -> r.value();
          case MockedResponse.Throw t -> throw new StatesError(t.error(), t.cause());
        };
      }
    }
    TaskRequest request = new TaskRequest(base, parameters, stateName, arn, token);
    if (token == null) {
      if (timeout == null) {
        return dispatch.invoke(request);
      }
      Waiter<Object> waiter = scheduler.waiter();
      scheduler.spawn(() -> {
        try {
          waiter.complete(dispatch.invoke(request));
        } catch (StatesError e) {
          waiter.complete(e);
        }
      });
      // External on the virtual clock: a handler that answers at once must not move time; one that
      // takes engine time (LocalEngine.sleep) past the timeout lets the clock pass it. AWS gives no cause.
      scheduler.schedule(Duration.ofSeconds(timeout), true, () -> waiter.complete(new StatesError("States.Timeout", "")));
      return unwrap(frame.park(waiter));
    }
    Waiter<Object> waiter = scheduler.waiter();
    callbacks.register(token, waiter, heartbeat == null ? null : Duration.ofSeconds(heartbeat));
    // Armed before the request goes out: whoever holds the token may answer, or move the clock, at once.
    if (timeout != null) {
      scheduler.schedule(Duration.ofSeconds(timeout), true, () -> waiter.complete(new StatesError("States.Timeout", "The task did not send a callback within " + timeout + " seconds.")));
    }
    try {
      JsonNode submitted = dispatch.invoke(request);
      history.task("TaskSubmitted", typeAndName[0], typeAndName[1], submitted);
      return unwrap(frame.park(waiter));
    } finally {
      callbacks.forget(token);
    }
  }

  private static JsonNode unwrap(Object outcome) {
    if (outcome instanceof StatesError e) {
      throw e;
    }
    return (JsonNode) outcome;
  }

  private static String[] resourceTypeAndName(String resource) {
    String prefix = "arn:aws:states:::";
    if (!resource.startsWith(prefix)) {
      return new String[] {"lambda", resource};
    }
    String rest = resource.substring(prefix.length());
    int last = rest.lastIndexOf(':');
    return last < 0 ? new String[] {rest, rest} : new String[] {rest.substring(0, last), rest.substring(last + 1)};
  }

  private static Integer seconds(Value v, Env env, Common c, String field) {
    if (v == null) {
      return null;
    }
    JsonNode n = value(v, env);
    if (!n.canConvertToInt() || n.asInt() <= 0) {
      throw new StatesError(c.jsonata() ? "States.QueryEvaluationError" : "States.Runtime", "The " + field + " of state '" + c.name() + "' must be a positive integer, got " + Json.write(n));
    }
    return n.asInt();
  }

  // ---------------------------------------------------------------- Parallel and Map

  private JsonNode parallel(State.Parallel parallel, Env env, Frame frame) {
    Common c = parallel.common();
    JsonNode branchInput = arguments(c, env);
    history.add("ParallelStateStarted");
    int n = parallel.branches().size();
    JsonNode[] outputs = new JsonNode[n];
    JsonNode[] kept = frame == root ? completedParts.remove(c.name()) : null;
    Waiter<Object> all = scheduler.waiter();
    AtomicInteger remaining = new AtomicInteger(n);
    List<Frame> children = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      children.add(frame.child());
    }
    for (int i = 0; i < n; i++) {
      if (kept != null && kept[i] != null) {
        outputs[i] = kept[i];
        if (remaining.decrementAndGet() == 0) {
          all.complete(Boolean.TRUE);
        }
        continue;
      }
      int index = i;
      Frame child = children.get(i);
      StateMachine branch = parallel.branches().get(i);
      scheduler.spawn(() -> {
        try {
          outputs[index] = runMachine(branch, branch.startAt(), branchInput, child, false);
          if (remaining.decrementAndGet() == 0) {
            all.complete(Boolean.TRUE);
          }
        } catch (StatesError e) {
          all.complete(e);
        } catch (Aborted e) {
          all.complete(Frame.ABORTED);
        }
      });
    }
    Object outcome = frame.park(all);
    if (outcome instanceof StatesError e) {
      children.forEach(Frame::abort);
      if (frame == root) {
        completedParts.put(c.name(), outputs.clone());
      }
      ObjectNode details = Json.object();
      details.put("error", e.error());
      details.put("cause", e.cause());
      history.add("ParallelStateFailed", details);
      throw e;
    }
    children.forEach(Frame::close);
    ArrayNode result = Json.NODES.arrayNode();
    for (JsonNode out : outputs) {
      result.add(out);
    }
    history.add("ParallelStateSucceeded");
    return result;
  }

  private JsonNode map(State.MapState map, Env env, Frame frame) {
    Common c = map.common();
    JsonNode items;
    if (c.jsonata()) {
      items = map.items() == null ? env.input() : map.items().render(env);
    } else {
      items = map.itemsPath().render(env);
    }
    if (!items.isArray()) {
      throw new StatesError(
          c.jsonata() ? "States.QueryEvaluationError" : "States.Runtime",
          "Map state '" + c.name() + "': the items to iterate over must be a JSON array, got " + Json.write(items));
    }
    int size = items.size();
    int concurrency = map.maxConcurrency() == null ? 0 : nonNegative(map.maxConcurrency(), env, c, "MaxConcurrency");
    int workers = Math.min(size, concurrency <= 0 ? INLINE_MAP_LIMIT : Math.min(concurrency, INLINE_MAP_LIMIT));
    Tolerance tolerance = tolerance(map, env, size);
    ObjectNode started = Json.object();
    started.put("length", size);
    history.add("MapStateStarted", started);
    JsonNode[] outputs = new JsonNode[size];
    boolean[] succeeded = new boolean[size];
    JsonNode[] kept = frame == root ? completedParts.remove(c.name()) : null;
    AtomicInteger nextIndex = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    AtomicInteger finishedWorkers = new AtomicInteger();
    Waiter<Object> all = scheduler.waiter();
    Frame scope = frame.child();
    Runnable worker =
        () -> {
          try {
            int i;
            while ((i = nextIndex.getAndIncrement()) < size) {
              scope.checkAborted();
              if (kept != null && i < kept.length && kept[i] != null) {
                outputs[i] = kept[i];
                succeeded[i] = true;
                continue;
              }
              Frame child = scope.child();
              JsonNode item = items.get(i);
              history.iteration("MapIterationStarted", c.name(), i);
              try {
                JsonNode itemInput = itemInput(map, env, i, item);
                outputs[i] = runMachine(map.processor(), map.processor().startAt(), itemInput, child, false);
                succeeded[i] = true;
                child.close();
                history.iteration("MapIterationSucceeded", c.name(), i);
              } catch (StatesError e) {
                history.iteration("MapIterationFailed", c.name(), i);
                int failed = failures.incrementAndGet();
                if (tolerance.exceededBy(failed)) {
                  all.complete(tolerance.none() ? e : new StatesError("States.ExceedToleratedFailureThreshold", "The specified tolerated failure threshold was exceeded"));
                  return;
                }
                ObjectNode errorOutput = Json.object();
                errorOutput.put("Error", e.error());
                errorOutput.put("Cause", e.cause());
                outputs[i] = errorOutput;
              }
            }
            if (finishedWorkers.incrementAndGet() == workers) {
              all.complete(Boolean.TRUE);
            }
          } catch (Aborted e) {
            all.complete(Frame.ABORTED);
          }
        };
    if (workers == 0) {
      all.complete(Boolean.TRUE);
    }
    for (int w = 0; w < workers; w++) {
      scheduler.spawn(worker);
    }
    Object outcome = frame.park(all);
    if (outcome instanceof StatesError e) {
      scope.abort();
      if (frame == root) {
        JsonNode[] completed = new JsonNode[size];
        for (int i = 0; i < size; i++) {
          completed[i] = succeeded[i] ? outputs[i] : null;
        }
        completedParts.put(c.name(), completed);
      }
      ObjectNode details = Json.object();
      details.put("error", e.error());
      details.put("cause", e.cause());
      history.add("MapStateFailed", details);
      throw e;
    }
    scope.close();
    ArrayNode result = Json.NODES.arrayNode();
    for (JsonNode out : outputs) {
      result.add(out);
    }
    history.add("MapStateSucceeded");
    return result;
  }

  private JsonNode itemInput(State.MapState map, Env env, int index, JsonNode item) {
    if (map.itemSelector() == null) {
      return item;
    }
    ObjectNode context = ((ObjectNode) env.context()).deepCopy();
    ObjectNode mapItem = context.putObject("Map").putObject("Item");
    mapItem.put("Index", index);
    mapItem.set("Value", item);
    return map.itemSelector().render(env.withContext(context));
  }

  private record Tolerance(int count, double percentage, int size, boolean none) {
    boolean exceededBy(int failed) {
      if (none) {
        return true;
      }
      return failed > count || size > 0 && failed * 100.0 / size > percentage;
    }
  }

  private static Tolerance tolerance(State.MapState map, Env env, int size) {
    Common c = map.common();
    if (map.toleratedFailureCount() == null && map.toleratedFailurePercentage() == null) {
      return new Tolerance(0, 0, size, true);
    }
    int count = map.toleratedFailureCount() == null ? Integer.MAX_VALUE : nonNegative(map.toleratedFailureCount(), env, c, "ToleratedFailureCount");
    double percentage = 100.0;
    if (map.toleratedFailurePercentage() != null) {
      JsonNode p = value(map.toleratedFailurePercentage(), env);
      if (!p.isNumber() || p.asDouble() < 0 || p.asDouble() > 100) {
        throw new StatesError(c.jsonata() ? "States.QueryEvaluationError" : "States.Runtime", "An error occurred while executing the state '" + c.name() + "'. ToleratedFailurePercentage must be between 0 and 100.");
      }
      percentage = p.asDouble();
    }
    return new Tolerance(count, percentage, size, false);
  }

  private static int nonNegative(Value v, Env env, Common c, String field) {
    JsonNode n = value(v, env);
    if (!n.isIntegralNumber() || !n.canConvertToInt()) {
      throw new StatesError(c.jsonata() ? "States.QueryEvaluationError" : "States.Runtime", "An error occurred while executing the state '" + c.name() + "'. The " + field + " field refers to value \"" + (n.isTextual() ? n.asText() : Json.write(n)) + "\" which is not a valid integer");
    }
    if (n.asInt() < 0) {
      throw new StatesError(c.jsonata() ? "States.QueryEvaluationError" : "States.Runtime", "An error occurred while executing the state '" + c.name() + "'. " + field + " cannot be negative.");
    }
    return n.asInt();
  }
}
