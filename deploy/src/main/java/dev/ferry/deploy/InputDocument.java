package dev.ferry.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contract.InputField;
import dev.ferry.contract.Trigger;
import java.util.List;
import java.util.regex.Pattern;

/** The Ferry input document an execution starts with (contract: "Execution input"). */
public record InputDocument(String target, String requestedBy, String trigger, ObjectNode parameters) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TARGET = Pattern.compile("[A-Za-z0-9._:/-]{1,200}");
  private static final List<String> TRIGGERS = Trigger.inputWords();

  public InputDocument {
    requireTarget(target);
    if (!TRIGGERS.contains(trigger)) {
      throw FerryException.badInput(
          "trigger '" + trigger + "' is not one of " + TRIGGERS, "use one of " + String.join(", ", TRIGGERS));
    }
    parameters = parameters.deepCopy();
  }

  public static void requireTarget(String target) {
    if (target == null || !TARGET.matcher(target).matches()) {
      throw FerryException.badInput(
          "target '" + target + "' is not 1-200 characters of letters, digits and . _ : / -",
          "name the target as the lock and audit rows know it, e.g. orders-db");
    }
  }

  /** Parses {@code --param name=value} pairs; a value that parses as JSON keeps its JSON type. */
  public static ObjectNode parameters(Iterable<String> assignments) {
    ObjectNode params = JSON.createObjectNode();
    for (String assignment : assignments) {
      int eq = assignment.indexOf('=');
      if (eq < 1) {
        throw FerryException.badInput(
            "parameter '" + assignment + "' is not name=value", "write it as --param targetVersion=3");
      }
      String value = assignment.substring(eq + 1);
      params.set(assignment.substring(0, eq), parseValue(value));
    }
    return params;
  }

  private static JsonNode parseValue(String value) {
    try {
      JsonNode parsed = JSON.readTree(value);
      return parsed == null || parsed.isMissingNode() ? JSON.getNodeFactory().textNode(value) : parsed;
    } catch (java.io.IOException e) {
      return JSON.getNodeFactory().textNode(value);
    }
  }

  public InputDocument withTrigger(String newTrigger) {
    return new InputDocument(target, requestedBy, newTrigger, parameters);
  }

  public ObjectNode toJson() {
    ObjectNode doc = JSON.createObjectNode();
    doc.put(InputField.TARGET, target);
    doc.put(InputField.REQUESTED_BY, requestedBy);
    doc.put(InputField.TRIGGER, trigger);
    doc.set(InputField.PARAMETERS, parameters.deepCopy());
    return doc;
  }

  /** The document with object keys sorted at every level: equal requests render equal text. */
  public String canonicalJson() {
    return Canonical.json(toJson());
  }
}
