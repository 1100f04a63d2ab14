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
 * Branches of Parallel and Map states append concurrently. Events are kept in columns of fixed-size
 * chunks (no object per state entered or exited, no copying to grow) and built into JSON details
 * only when the history is read, since most executions' histories are never read.
 */
final class History {
  private static final int CHUNK = 256;

  /** How an event's details are kept: which columns hold them. */
  private enum Kind {
    BUILT,
    ENTERED,
    EXITED,
    ITERATION,
    TASK
  }

  /** Task progress: resource type and name (absent for Lambda ARNs), and optionally an output. */
  private record TaskData(String resourceType, String resource, JsonNode output) {}

  private static final class Chunk {
    final Kind[] kinds = new Kind[CHUNK];
    final String[] types = new String[CHUNK];
    final long[] millis = new long[CHUNK];
    /** The state's name (state and iteration events). */
    final String[] names = new String[CHUNK];
    /** The input or output (state events), built details (null for none) or TaskData. */
    final Object[] values = new Object[CHUNK];
    /** The iteration index. */
    final int[] indexes = new int[CHUNK];
  }

  private final Scheduler scheduler;
  private final List<Chunk> chunks = new ArrayList<>();
  private Chunk last;
  private int size;

  History(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  void add(String type, ObjectNode details) {
    append(Kind.BUILT, type, null, details, 0);
  }

  /** An event without details. */
  void add(String type) {
    append(Kind.BUILT, type, null, null, 0);
  }

  void stateEntered(String type, String name, JsonNode input) {
    append(Kind.ENTERED, type, name, input, 0);
  }

  void stateExited(String type, String name, JsonNode output) {
    append(Kind.EXITED, type, name, output, 0);
  }

  void iteration(String type, String name, int index) {
    append(Kind.ITERATION, type, name, null, index);
  }

  /** {@code resourceType} null leaves out the resource (Lambda ARN events); {@code output} null leaves out the output. */
  void task(String type, String resourceType, String resource, JsonNode output) {
    append(Kind.TASK, type, null, new TaskData(resourceType, resource, output), 0);
  }

  private synchronized void append(Kind kind, String type, String name, Object value, int index) {
    int slot = size % CHUNK;
    if (slot == 0) {
      last = new Chunk();
      chunks.add(last);
    }
    Chunk c = last;
    c.kinds[slot] = kind;
    c.types[slot] = type;
    c.millis[slot] = scheduler.nowMillis();
    c.names[slot] = name;
    c.values[slot] = value;
    c.indexes[slot] = index;
    size++;
  }

  synchronized List<HistoryEvent> snapshot() {
    List<HistoryEvent> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      Chunk c = chunks.get(i / CHUNK);
      int slot = i % CHUNK;
      long id = i + 1;
      out.add(new HistoryEvent(id, id - 1, c.types[slot], Instant.ofEpochMilli(c.millis[slot]), details(c, slot)));
    }
    return List.copyOf(out);
  }

  private static ObjectNode details(Chunk c, int slot) {
    ObjectNode details = Json.object();
    switch (c.kinds[slot]) {
      case BUILT -> {
        if (c.values[slot] != null) {
          return (ObjectNode) c.values[slot];
        }
      }
      case ENTERED, EXITED -> {
        details.put("name", c.names[slot]);
        details.set(c.kinds[slot] == Kind.ENTERED ? "input" : "output", (JsonNode) c.values[slot]);
      }
      case ITERATION -> {
        details.put("name", c.names[slot]);
        details.put("index", c.indexes[slot]);
      }
      case TASK -> {
        TaskData t = (TaskData) c.values[slot];
        if (t.resourceType() != null) {
          details.put("resourceType", t.resourceType());
          details.put("resource", t.resource());
        }
        if (t.output() != null) {
          details.set("output", t.output());
        }
      }
    }
    return details;
  }
}
