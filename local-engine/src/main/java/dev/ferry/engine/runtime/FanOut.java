package dev.ferry.engine.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.engine.StatesError;
import dev.ferry.engine.asl.Common;
import dev.ferry.engine.asl.State;
import dev.ferry.engine.asl.StateMachine;
import dev.ferry.engine.asl.Value;
import dev.ferry.engine.data.Env;
import dev.ferry.engine.data.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Parallel branches and inline Map iterations: each on its own engine thread and frame, at most 40
 * Map iterations at once as AWS runs them, failures tolerated as the Map says, and the parts that
 * succeeded in a failed top-level state kept for a redrive.
 */
final class FanOut {
  /** AWS runs at most this many inline Map iterations at once. */
  private static final int INLINE_MAP_LIMIT = 40;

  private final Run run;
  private final Scheduler scheduler;
  private final History history;

  FanOut(Run run, Scheduler scheduler, History history) {
    this.run = run;
    this.scheduler = scheduler;
    this.history = history;
  }

  JsonNode parallel(State.Parallel parallel, Env env, Frame frame) {
    Common c = parallel.common();
    JsonNode branchInput = DataFlow.arguments(c, env);
    history.add("ParallelStateStarted");
    int n = parallel.branches().size();
    JsonNode[] outputs = new JsonNode[n];
    JsonNode[] kept = run.isRoot(frame) ? run.completedParts.remove(c.name()) : null;
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
          outputs[index] = run.runMachine(branch, branch.startAt(), branchInput, child, false);
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
      if (run.isRoot(frame)) {
        run.completedParts.put(c.name(), outputs.clone());
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

  JsonNode map(State.MapState map, Env env, Frame frame) {
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
    JsonNode[] kept = run.isRoot(frame) ? run.completedParts.remove(c.name()) : null;
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
                outputs[i] = run.runMachine(map.processor(), map.processor().startAt(), itemInput, child, false);
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
      if (run.isRoot(frame)) {
        JsonNode[] completed = new JsonNode[size];
        for (int i = 0; i < size; i++) {
          completed[i] = succeeded[i] ? outputs[i] : null;
        }
        run.completedParts.put(c.name(), completed);
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
      percentage = NumericFields.decimal(map.toleratedFailurePercentage(), env, c, "ToleratedFailurePercentage");
      if (percentage < 0 || percentage > 100) {
        throw NumericFields.error(c, "ToleratedFailurePercentage must be between 0 and 100.");
      }
    }
    return new Tolerance(count, percentage, size, false);
  }

  private static int nonNegative(Value v, Env env, Common c, String field) {
    long n = NumericFields.integer(v, env, c, field);
    if (n < 0) {
      throw NumericFields.error(c, field + " cannot be negative.");
    }
    return (int) Math.min(n, Integer.MAX_VALUE);
  }
}
