package dev.ferry.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.engine.data.Json;
import java.time.Duration;
import java.util.List;

/** Small helpers the engine tests share. */
final class Fixtures {
  private Fixtures() {}

  static JsonNode json(String text) {
    return Json.parse(text);
  }

  /** Timestamps of the events of {@code type}, as offsets in milliseconds from the first such event. */
  static List<Long> offsetsOf(List<HistoryEvent> history, String type) {
    List<HistoryEvent> events = history.stream().filter(e -> e.type().equals(type)).toList();
    return events.stream().map(e -> Duration.between(events.get(0).timestamp(), e.timestamp()).toMillis()).toList();
  }

  static List<String> types(List<HistoryEvent> history) {
    return history.stream().map(HistoryEvent::type).toList();
  }

  /** An exception naming its Lambda errorType, as Ferry's handlers do. */
  static final class Ferry extends RuntimeException implements ErrorNamed {
    private final String name;

    Ferry(String name, String message) {
      super(message);
      this.name = name;
    }

    @Override
    public String errorName() {
      return "Ferry." + name;
    }
  }

  /** Reported as {@code Transient}, the name the retrying machines match. */
  static final class Transient extends RuntimeException implements ErrorNamed {
    Transient(String message) {
      super(message);
    }

    @Override
    public String errorName() {
      return "Transient";
    }
  }
}
