package dev.ferry.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One event of an execution's history, as {@code GetExecutionHistory} returns it: {@code type} is
 * AWS's event type ({@code TaskStateEntered}, {@code LambdaFunctionSucceeded}, ...) and {@code
 * details} the matching {@code ...EventDetails} object (inputs and outputs as JSON strings, as AWS
 * sends them).
 */
public record HistoryEvent(long id, long previousEventId, String type, Instant timestamp, ObjectNode details) {

  /** The event as AWS's JSON shape, e.g. {@code {"id":3,"type":"PassStateEntered","stateEnteredEventDetails":{...}}}. */
  public ObjectNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("id", id);
    node.put("previousEventId", previousEventId);
    node.put("timestamp", timestamp.toString());
    node.put("type", type);
    if (details != null && !details.isEmpty()) {
      node.set(detailsField(type), details);
    }
    return node;
  }

  /** The detail field name AWS uses for an event type. */
  static String detailsField(String type) {
    if (type.endsWith("StateEntered")) {
      return "stateEnteredEventDetails";
    }
    if (type.endsWith("StateExited")) {
      return "stateExitedEventDetails";
    }
    String first = Character.toLowerCase(type.charAt(0)) + type.substring(1);
    return first + "EventDetails";
  }

  public String detail(String field) {
    JsonNode value = details == null ? null : details.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
