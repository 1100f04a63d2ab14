package dev.ferry.deploy;

import dev.ferry.contract.AuditItem;
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
        s(item, AuditItem.TARGET), s(item, AuditItem.ENTRY), s(item, AuditItem.EXECUTION), s(item, AuditItem.MIGRATION),
        s(item, AuditItem.STEP), s(item, AuditItem.KIND), s(item, AuditItem.PHASE), s(item, AuditItem.AT),
        s(item, AuditItem.REQUESTED_BY), s(item, AuditItem.TRIGGER), s(item, AuditItem.ERROR), s(item, AuditItem.CAUSE));
  }

  Map<String, AttributeValue> toItem() {
    Map<String, AttributeValue> item = new java.util.LinkedHashMap<>();
    put(item, AuditItem.TARGET, target);
    put(item, AuditItem.ENTRY, entry);
    put(item, AuditItem.EXECUTION, execution);
    put(item, AuditItem.MIGRATION, migration);
    put(item, AuditItem.STEP, step);
    put(item, AuditItem.KIND, kind);
    put(item, AuditItem.PHASE, phase);
    put(item, AuditItem.AT, at);
    put(item, AuditItem.REQUESTED_BY, requestedBy);
    put(item, AuditItem.TRIGGER, trigger);
    put(item, AuditItem.ERROR, error);
    put(item, AuditItem.CAUSE, cause);
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
