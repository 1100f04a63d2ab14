package dev.ferry.engine.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.engine.StatesError;
import dev.ferry.engine.asl.Catcher;
import dev.ferry.engine.asl.Common;
import dev.ferry.engine.asl.Retrier;
import dev.ferry.engine.data.Env;
import dev.ferry.engine.data.Json;
import java.time.Duration;
import java.util.List;
import java.util.function.DoubleSupplier;

/** Retry and Catch around a Task, Parallel or Map state's work. */
final class ErrorHandling {
  /** One attempt of a state's work, numbered from 0 by retries so far; returns its result. */
  @FunctionalInterface
  interface Attempt {
    JsonNode run(int retryCount);
  }

  private final Run run;
  private final DataFlow flow;
  private final DoubleSupplier jitter;

  ErrorHandling(Run run, DataFlow flow, DoubleSupplier jitter) {
    this.run = run;
    this.flow = flow;
    this.jitter = jitter;
  }

  /** Runs {@code attempt} until it succeeds, a retrier gives up or none matches; then the first matching catcher. */
  Step guarded(Common c, JsonNode raw, Frame frame, long entered, Attempt attempt) {
    int[] attempts = new int[c.retry().size()];
    int retryCount = 0;
    while (true) {
      try {
        JsonNode result = attempt.run(retryCount);
        return new Step(c.next(), flow.resultOutput(c, raw, result, frame, entered));
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
          run.sleep(retryDelay(retrier, attempts[index]), frame);
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
    Env env = flow.env(raw, frame, c.name(), entered).withErrorOutput(errorOutput);
    JsonNode out;
    if (c.jsonata()) {
      out = catcher.output() == null ? raw : catcher.output().render(env);
    } else {
      out = catcher.resultPath() == null ? raw : catcher.resultPath().put(raw, errorOutput);
    }
    DataFlow.assign(catcher.assign(), c.jsonata() ? env : env.withInput(errorOutput), frame);
    return new Step(catcher.next(), out);
  }
}
