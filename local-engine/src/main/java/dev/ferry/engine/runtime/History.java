package dev.ferry.engine.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.engine.data.Json;
import dev.ferry.engine.HistoryEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * An execution's events in the order they were recorded. Branches of Parallel and Map states
 * append concurrently without a lock; event ids are the positions in that order.
 */
final class History {
  /** Details are kept as name/value pairs and built into JSON only when the history is read. */
  private record Recorded(String type, Instant timestamp, ObjectNode details, Object[] pairs) {}

  private final Scheduler scheduler;
  private final ConcurrentLinkedQueue<Recorded> events = new ConcurrentLinkedQueue<>();

  History(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  void add(String type, ObjectNode details) {
    events.add(new Recorded(type, scheduler.now(), details, null));
  }

  /** Records an event whose details are {@code name, value, name, value...} (values: JsonNode, String or Integer). */
  void add(String type, Object... pairs) {
    events.add(new Recorded(type, scheduler.now(), null, pairs));
  }

  private static ObjectNode details(Recorded r) {
    if (r.pairs() == null) {
      return r.details();
    }
    ObjectNode details = Json.object();
    Object[] pairs = r.pairs();
    for (int i = 0; i < pairs.length; i += 2) {
      String name = (String) pairs[i];
      switch (pairs[i + 1]) {
        case JsonNode node -> details.set(name, node);
        case String text -> details.put(name, text);
        case Integer number -> details.put(name, number);
        default -> throw new IllegalArgumentException("unsupported history detail " + pairs[i + 1]);
      }
    }
    return details;
  }

  List<HistoryEvent> snapshot() {
    List<HistoryEvent> out = new ArrayList<>();
    long id = 0;
    for (Recorded r : events) {
      id++;
      out.add(new HistoryEvent(id, id - 1, r.type(), r.timestamp(), details(r)));
    }
    return List.copyOf(out);
  }
}
