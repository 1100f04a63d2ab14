package dev.ferry.engine.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.engine.HistoryEvent;
import dev.ferry.engine.data.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
    final Kind[] kinds;
    final String[] types;
    final long[] millis;
    /** The state's name (state and iteration events). */
    final String[] names;
    /** The input or output (state events), built details (null for none) or TaskData. */
    final Object[] values;
    /** The iteration index. */
    final int[] indexes;

    Chunk(int capacity) {
      this(new Kind[capacity], new String[capacity], new long[capacity], new String[capacity], new Object[capacity], new int[capacity]);
    }

    private Chunk(Kind[] kinds, String[] types, long[] millis, String[] names, Object[] values, int[] indexes) {
      this.kinds = kinds;
      this.types = types;
      this.millis = millis;
      this.names = names;
      this.values = values;
      this.indexes = indexes;
    }

    int capacity() {
      return kinds.length;
    }

    Chunk grown(int capacity) {
      return new Chunk(
          Arrays.copyOf(kinds, capacity),
          Arrays.copyOf(types, capacity),
          Arrays.copyOf(millis, capacity),
          Arrays.copyOf(names, capacity),
          Arrays.copyOf(values, capacity),
          Arrays.copyOf(indexes, capacity));
    }
  }

  private final Scheduler scheduler;
  private final List<Chunk> chunks = new ArrayList<>();
  private Chunk last;
  private int size;

  History(Scheduler scheduler) {
    this.scheduler = scheduler;
    // The first chunk starts small and grows to full size: many executions park after a few events.
    this.last = new Chunk(8);
    chunks.add(last);
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
    int slot = size - (chunks.size() - 1) * CHUNK;
    if (slot == last.capacity()) {
      if (slot < CHUNK) {
        last = last.grown(Math.min(CHUNK, slot * 2));
        chunks.set(chunks.size() - 1, last);
      } else {
        last = new Chunk(CHUNK);
        chunks.add(last);
        slot = 0;
      }
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
