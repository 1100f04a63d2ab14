package dev.ferry.engine.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.engine.StatesError;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Task tokens handed out by {@code .waitForTaskToken} states, and the answers sent for them. */
public final class Callbacks {
  private final Scheduler scheduler;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();

  private record Pending(Waiter<Object> waiter, Duration heartbeat, AtomicLong beat) {}

  public Callbacks(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  void register(String token, Waiter<Object> waiter, Duration heartbeat) {
    Pending p = new Pending(waiter, heartbeat, new AtomicLong());
    pending.put(token, p);
    armHeartbeat(p);
  }

  void forget(String token) {
    pending.remove(token);
  }

  public void success(String token, JsonNode output) {
    take(token).waiter().complete(output);
  }

  public void failure(String token, String error, String cause) {
    take(token).waiter().complete(new StatesError(error, cause));
  }

  public void heartbeat(String token) {
    Pending p = pending.get(token);
    if (p == null) {
      throw unknown(token);
    }
    armHeartbeat(p);
  }

  private void armHeartbeat(Pending p) {
    if (p.heartbeat() == null) {
      return;
    }
    long generation = p.beat().incrementAndGet();
    scheduler.schedule(
        p.heartbeat(),
        true,
        () -> {
          if (p.beat().get() == generation) {
            p.waiter().complete(new StatesError("States.HeartbeatTimeout", "The task did not send a heartbeat within " + p.heartbeat().toSeconds() + " seconds."));
          }
        });
  }

  private Pending take(String token) {
    Pending p = pending.remove(token);
    if (p == null) {
      throw unknown(token);
    }
    return p;
  }

  private static IllegalArgumentException unknown(String token) {
    return new IllegalArgumentException(
        "TaskDoesNotExist: no execution waits for task token '" + token + "' (it was answered already, timed out, or never issued).");
  }
}
