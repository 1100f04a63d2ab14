package dev.ferry.engine.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.engine.HistoryEvent;
import dev.ferry.engine.data.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An execution's events in the order they were recorded; event ids are the positions in that order.
 * Branches of Parallel and Map states append concurrently. The frequent events (states entered and
 * exited, Map iterations, task progress) are kept as one small record each and built into JSON
 * details only when the history is read, since most executions' histories are never read.
 */
final class History {
  private sealed interface Recorded {
    String type();

    long millis();

    ObjectNode details();
  }

  /** Details built by the caller; null stands for none. */
  private record Built(String type, long millis, ObjectNode given) implements Recorded {
    @Override
    public ObjectNode details() {
      return given == null ? Json.object() : given;
    }
  }

  /** A state entered ({@code input}) or exited ({@code output}). */
  private record StateData(String type, long millis, String name, boolean entered, JsonNode value) implements Recorded {
    @Override
    public ObjectNode details() {
      ObjectNode details = Json.object();
      details.put("name", name);
      details.set(entered ? "input" : "output", value);
      return details;
    }
  }

  private record Iteration(String type, long millis, String name, int index) implements Recorded {
    @Override
    public ObjectNode details() {
      ObjectNode details = Json.object();
      details.put("name", name);
      details.put("index", index);
      return details;
    }
  }

  /** Task progress: resource type and name (absent for Lambda ARNs), and optionally an output. */
  private record TaskData(String type, long millis, String resourceType, String resource, JsonNode output) implements Recorded {
    @Override
    public ObjectNode details() {
      ObjectNode details = Json.object();
      if (resourceType != null) {
        details.put("resourceType", resourceType);
        details.put("resource", resource);
      }
      if (output != null) {
        details.set("output", output);
      }
      return details;
    }
  }

  /** Events are appended to fixed-size chunks, so a long history is never copied to grow. */
  private static final int CHUNK = 256;

  private final Scheduler scheduler;
  private final List<Recorded[]> chunks = new ArrayList<>();
  private Recorded[] last;
  private int size;

  History(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  void add(String type, ObjectNode details) {
    append(new Built(type, scheduler.nowMillis(), details));
  }

  /** An event without details. */
  void add(String type) {
    append(new Built(type, scheduler.nowMillis(), null));
  }

  void stateEntered(String type, String name, JsonNode input) {
    append(new StateData(type, scheduler.nowMillis(), name, true, input));
  }

  void stateExited(String type, String name, JsonNode output) {
    append(new StateData(type, scheduler.nowMillis(), name, false, output));
  }

  void iteration(String type, String name, int index) {
    append(new Iteration(type, scheduler.nowMillis(), name, index));
  }

  /** {@code resourceType} null leaves out the resource (Lambda ARN events); {@code output} null leaves out the output. */
  void task(String type, String resourceType, String resource, JsonNode output) {
    append(new TaskData(type, scheduler.nowMillis(), resourceType, resource, output));
  }

  private synchronized void append(Recorded r) {
    int slot = size % CHUNK;
    if (slot == 0) {
      last = new Recorded[CHUNK];
      chunks.add(last);
    }
    last[slot] = r;
    size++;
  }

  List<HistoryEvent> snapshot() {
    Recorded[] recorded;
    synchronized (this) {
      recorded = new Recorded[size];
      for (int c = 0; c < chunks.size(); c++) {
        System.arraycopy(chunks.get(c), 0, recorded, c * CHUNK, Math.min(CHUNK, size - c * CHUNK));
      }
    }
    List<HistoryEvent> out = new ArrayList<>(recorded.length);
    long id = 0;
    for (Recorded r : recorded) {
      id++;
      out.add(new HistoryEvent(id, id - 1, r.type(), Instant.ofEpochMilli(r.millis()), r.details()));
    }
    return List.copyOf(out);
  }
}
