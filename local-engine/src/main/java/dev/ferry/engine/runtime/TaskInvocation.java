package dev.ferry.engine.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.engine.StatesError;
import dev.ferry.engine.TaskRequest;
import dev.ferry.engine.asl.Common;
import dev.ferry.engine.asl.State;
import dev.ferry.engine.asl.Value;
import dev.ferry.engine.data.Env;
import dev.ferry.engine.data.Json;
import dev.ferry.engine.tasks.MockTestCase;
import dev.ferry.engine.tasks.MockedResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Task state's work: its history events, the MockConfigFile answer or the request to whatever
 * serves the resource, the task token and callback for {@code .waitForTaskToken}, TimeoutSeconds
 * and HeartbeatSeconds.
 */
final class TaskInvocation {
  private final Scheduler scheduler;
  private final TaskDispatch dispatch;
  private final Callbacks callbacks;
  private final MockTestCase mocks;
  private final History history;
  private final String arn;
  private final Map<String, AtomicInteger> invocations = new ConcurrentHashMap<>();

  TaskInvocation(Scheduler scheduler, TaskDispatch dispatch, Callbacks callbacks, MockTestCase mocks, History history, String arn) {
    this.scheduler = scheduler;
    this.dispatch = dispatch;
    this.callbacks = callbacks;
    this.mocks = mocks;
    this.history = history;
    this.arn = arn;
  }

  JsonNode task(State.Task task, Env env, Frame frame) {
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
    JsonNode parameters = DataFlow.arguments(c, taskEnv);
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

  /** TimeoutSeconds or HeartbeatSeconds: a positive integer. */
  private static Integer seconds(Value v, Env env, Common c, String field) {
    if (v == null) {
      return null;
    }
    long n = NumericFields.integer(v, env, c, field);
    if (n <= 0 || n > Integer.MAX_VALUE) {
      throw NumericFields.error(c, "The " + field + " field must be a positive integer, got " + n + ".");
    }
    return (int) n;
  }
}
