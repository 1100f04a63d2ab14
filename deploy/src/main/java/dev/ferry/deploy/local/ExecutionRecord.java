package dev.ferry.deploy.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.deploy.ExecutionInfo;
import dev.ferry.deploy.HistoryEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A local execution as it is kept on disk, so commands run later (status, history, unlock) see it:
 * what the engine reported, which process ran it, and its history events.
 */
record ExecutionRecord(ExecutionInfo info, String migration, String target, long pid, List<HistoryEvent> history) {

  ExecutionRecord {
    history = List.copyOf(history);
  }

  /** Whether it may still change: RUNNING in a process that is still alive. */
  boolean isLive() {
    return !info.isTerminal() && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  ObjectNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("id", info.id());
    node.put("name", info.name());
    node.put("status", info.status());
    node.put("startedAt", info.startedAt().toString());
    info.stoppedAt().ifPresent(t -> node.put("stoppedAt", t.toString()));
    info.error().ifPresent(e -> node.put("error", e));
    info.cause().ifPresent(c -> node.put("cause", c));
    node.put("migration", migration);
    node.put("target", target);
    node.put("pid", pid);
    var events = node.putArray("history");
    for (HistoryEvent e : history) {
      events.addObject().put("id", e.id()).put("at", e.at().toString()).put("type", e.type()).put("detail", e.detail());
    }
    return node;
  }

  static ExecutionRecord fromJson(JsonNode node) {
    ExecutionInfo info = new ExecutionInfo(node.path("id").asText(), node.path("name").asText(),
        node.path("status").asText(), Instant.parse(node.path("startedAt").asText()),
        text(node, "stoppedAt").map(Instant::parse), text(node, "error"), text(node, "cause"));
    List<HistoryEvent> events = new ArrayList<>();
    for (JsonNode e : node.path("history")) {
      events.add(new HistoryEvent(e.path("id").asLong(), Instant.parse(e.path("at").asText()),
          e.path("type").asText(), e.path("detail").asText()));
    }
    return new ExecutionRecord(info, node.path("migration").asText(), node.path("target").asText(),
        node.path("pid").asLong(), events);
  }

  private static Optional<String> text(JsonNode node, String field) {
    return node.hasNonNull(field) ? Optional.of(node.get(field).asText()) : Optional.empty();
  }
}
