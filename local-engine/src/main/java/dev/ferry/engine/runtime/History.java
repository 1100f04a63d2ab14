package dev.ferry.engine.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
  private record Recorded(String type, Instant timestamp, ObjectNode details) {}

  private final Scheduler scheduler;
  private final ConcurrentLinkedQueue<Recorded> events = new ConcurrentLinkedQueue<>();

  History(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  void add(String type, ObjectNode details) {
    events.add(new Recorded(type, scheduler.now(), details));
  }

  List<HistoryEvent> snapshot() {
    List<HistoryEvent> out = new ArrayList<>();
    long id = 0;
    for (Recorded r : events) {
      id++;
      out.add(new HistoryEvent(id, id - 1, r.type(), r.timestamp(), r.details()));
    }
    return List.copyOf(out);
  }
}
