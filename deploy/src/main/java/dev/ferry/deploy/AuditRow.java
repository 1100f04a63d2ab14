package dev.ferry.deploy;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** One {@code FerryAudit} row (contract: "Tables"). */
public record AuditRow(
    String target,
    String entry,
    String execution,
    String migration,
    String step,
    String kind,
    String phase,
    String at,
    String requestedBy,
    String trigger,
    String error,
    String cause) {

  static AuditRow fromItem(Map<String, AttributeValue> item) {
    return new AuditRow(
        s(item, "target"), s(item, "entry"), s(item, "execution"), s(item, "migration"),
        s(item, "step"), s(item, "kind"), s(item, "phase"), s(item, "at"),
        s(item, "requestedBy"), s(item, "trigger"), s(item, "error"), s(item, "cause"));
  }

  Map<String, AttributeValue> toItem() {
    Map<String, AttributeValue> item = new java.util.LinkedHashMap<>();
    put(item, "target", target);
    put(item, "entry", entry);
    put(item, "execution", execution);
    put(item, "migration", migration);
    put(item, "step", step);
    put(item, "kind", kind);
    put(item, "phase", phase);
    put(item, "at", at);
    put(item, "requestedBy", requestedBy);
    put(item, "trigger", trigger);
    put(item, "error", error);
    put(item, "cause", cause);
    return item;
  }

  private static void put(Map<String, AttributeValue> item, String name, String value) {
    if (value != null && !value.isEmpty()) {
      item.put(name, AttributeValue.fromS(value));
    }
  }

  private static String s(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null || v.s() == null ? "" : v.s();
  }
}
