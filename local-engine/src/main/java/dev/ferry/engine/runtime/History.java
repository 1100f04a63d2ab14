package dev.ferry.engine.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.engine.HistoryEvent;
import java.util.ArrayList;
import java.util.List;

/** An execution's events in order; branches of Parallel and Map states append concurrently. */
final class History {
  private final Scheduler scheduler;
  private final List<HistoryEvent> events = new ArrayList<>();

  History(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  synchronized long add(String type, ObjectNode details) {
    long id = events.size() + 1;
    events.add(new HistoryEvent(id, id - 1, type, scheduler.now(), details));
    return id;
  }

  synchronized List<HistoryEvent> snapshot() {
    return List.copyOf(events);
  }
}
