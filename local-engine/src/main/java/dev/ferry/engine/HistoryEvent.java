package dev.ferry.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One event of an execution's history, as {@code GetExecutionHistory} returns it: {@code type} is
 * AWS's event type ({@code TaskStateEntered}, {@code LambdaFunctionSucceeded}, ...) and {@code
 * details} the matching {@code ...EventDetails} members. In {@code details} inputs, outputs and
 * parameters are JSON values (cheap to record); {@link #toJson()} renders them as the JSON strings
 * AWS sends.
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
      ObjectNode rendered = details.deepCopy();
      for (String field : JSON_TEXT_FIELDS) {
        JsonNode value = rendered.get(field);
        if (value != null) {
          rendered.put(field, dev.ferry.engine.data.Json.write(value));
        }
      }
      node.set(detailsField(type), rendered);
    }
    return node;
  }

  private static final java.util.List<String> JSON_TEXT_FIELDS = java.util.List.of("input", "output", "parameters");

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

  /** A detail as text: names, errors and causes as they are, inputs and outputs as JSON text. */
  public String detail(String field) {
    JsonNode value = details == null ? null : details.get(field);
    if (value == null) {
      return null;
    }
    if (JSON_TEXT_FIELDS.contains(field)) {
      return dev.ferry.engine.data.Json.write(value);
    }
    return value.isNull() ? null : value.asText();
  }
}
