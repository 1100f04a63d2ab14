package dev.ferry.deploy;

import com.fasterxml.jackson.databind.JsonNode;

/** A Task state of a compiled machine: what it calls and with which parameters. */
public record TaskState(String name, String resource, JsonNode parameters) {

  /**
   * A parameter's value when it is fixed in the definition; null when it is absent or computed at
   * run time ({@code Field.$} in JSONPath, a {@code {% ... %}} expression in JSONata).
   */
  public static String staticText(JsonNode parameters, String field) {
    JsonNode value = parameters.get(field);
    if (value == null || !value.isTextual()) {
      return null;
    }
    String text = value.asText();
    return text.startsWith("{%") ? null : text;
  }

  /** True when the field is computed at run time rather than written in the definition. */
  public static boolean isDynamic(JsonNode parameters, String field) {
    if (parameters.has(field + ".$")) {
      return true;
    }
    JsonNode value = parameters.get(field);
    return value != null && value.isTextual() && value.asText().startsWith("{%");
  }
}
