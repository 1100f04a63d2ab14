package dev.ferry.dsl.compile;

import static dev.ferry.dsl.compile.Json.obj;
import static dev.ferry.dsl.compile.Json.s;
import static dev.ferry.dsl.compile.Json.sPath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contract.AuditItem;
import dev.ferry.contract.Phase;
import dev.ferry.contract.ProgressItem;
import dev.ferry.dsl.Step;
import java.util.List;
import java.util.Map;

/**
 * The progress and audit items the machine writes (contract: "Tables"), as {@code
 * transactWriteItems} entries whose values are JSONPath templates.
 */
final class RecordItems {
  private final String migration;
  private final CompileOptions options;
  private final Map<String, Integer> indexOf;

  RecordItems(String migration, CompileOptions options, Map<String, Integer> indexOf) {
    this.migration = migration;
    this.options = options;
    this.indexOf = indexOf;
  }

  ObjectNode auditStep(Step step, Phase phase, Map<String, JsonNode> extra) {
    int index = indexOf.getOrDefault(step.id(), 0);
    return auditPut(AuditItem.index(index), step.id(), step.kind().word(), phase, extra);
  }

  ObjectNode auditRun(Phase phase, Map<String, JsonNode> extra) {
    return auditPut(AuditItem.index(AuditItem.RUN_INDEX), AuditItem.RUN, AuditItem.RUN, phase, extra);
  }

  private ObjectNode auditPut(String index, String stepId, String kind, Phase phase, Map<String, JsonNode> extra) {
    return auditPut("States.Format('{}#" + index + "#" + stepId + "#" + phase.name() + "', $$.Execution.Name)",
        s(stepId), s(kind), phase, extra);
  }

  /** An audit put whose entry, step and kind are given as templates (the failed step is read from {@code $.current}). */
  ObjectNode auditPut(String entry, JsonNode step, JsonNode kind, Phase phase, Map<String, JsonNode> extra) {
    ObjectNode item = obj(
        AuditItem.TARGET, sPath("$.ferry.target"),
        AuditItem.ENTRY, sPath(entry),
        AuditItem.EXECUTION, sPath("$$.Execution.Id"),
        AuditItem.MIGRATION, s(migration),
        AuditItem.STEP, step,
        AuditItem.KIND, kind,
        AuditItem.PHASE, s(phase.name()),
        AuditItem.AT, sPath("$$.State.EnteredTime"),
        AuditItem.REQUESTED_BY, sPath("$.ferry.requestedBy"),
        AuditItem.TRIGGER, sPath("$.ferry.trigger"));
    extra.keySet().stream().sorted().forEach(k -> item.set(k, extra.get(k)));
    return obj("Put", obj("TableName", options.auditTable(), "Item", item,
        "ConditionExpression", AuditItem.NEVER_OVERWRITE,
        "ExpressionAttributeNames", obj("#target", AuditItem.TARGET)));
  }

  /**
   * An update of the target's progress item: SET each of {@code set} to its value (the lock holder
   * and the execution to this execution's id), REMOVE {@code remove}, on {@code condition}.
   */
  ObjectNode progressUpdate(String[] set, JsonNode[] values, List<String> remove, String condition) {
    ObjectNode names = obj("#lockHolder", ProgressItem.LOCK_HOLDER);
    ObjectNode vals = obj(":self", sPath("$$.Execution.Id"));
    StringBuilder expr = new StringBuilder("SET ");
    for (int i = 0; i < set.length; i++) {
      names.put("#" + set[i], set[i]);
      String value = set[i].equals(ProgressItem.LOCK_HOLDER) || set[i].equals(ProgressItem.EXECUTION) ? ":self" : ":" + set[i];
      if (!value.equals(":self")) {
        vals.set(value, values[i]);
      }
      expr.append(i == 0 ? "" : ", ").append('#').append(set[i]).append(" = ").append(value);
    }
    if (!remove.isEmpty()) {
      expr.append(" REMOVE ");
      for (int i = 0; i < remove.size(); i++) {
        names.put("#" + remove.get(i), remove.get(i));
        expr.append(i == 0 ? "" : ", ").append('#').append(remove.get(i));
      }
    }
    return obj("Update", obj("TableName", options.progressTable(),
        "Key", obj(ProgressItem.TARGET, sPath("$.ferry.target")),
        "UpdateExpression", expr.toString(),
        "ConditionExpression", condition,
        "ExpressionAttributeNames", names,
        "ExpressionAttributeValues", vals));
  }

  /** The progress update of a step boundary while the run goes on: status, step and time. */
  ObjectNode progressAt(dev.ferry.contract.Status status, Step step) {
    return progressAt(status, step, List.of());
  }

  /** {@link #progressAt(dev.ferry.contract.Status, Step)}, also removing {@code remove} (one update per item in a transaction). */
  ObjectNode progressAt(dev.ferry.contract.Status status, Step step, List<String> remove) {
    return progressUpdate(new String[] {ProgressItem.STATUS, ProgressItem.CURRENT_STEP, ProgressItem.STEP_INDEX,
            ProgressItem.UPDATED_AT},
        new JsonNode[] {s(status.name()), s(step.id()), Json.n(indexOf.get(step.id())), sPath("$$.State.EnteredTime")},
        remove, ProgressItem.LOCK_MINE);
  }

  /** The progress update of a run's end that releases the lock. */
  ObjectNode progressEnd(dev.ferry.contract.Status status) {
    return progressEnd(status, List.of());
  }

  /** {@link #progressEnd(dev.ferry.contract.Status)}, also removing {@code remove}. */
  ObjectNode progressEnd(dev.ferry.contract.Status status, List<String> remove) {
    List<String> removed = new java.util.ArrayList<>(List.of(ProgressItem.LOCK_HOLDER));
    removed.addAll(remove);
    return progressUpdate(new String[] {ProgressItem.STATUS, ProgressItem.UPDATED_AT},
        new JsonNode[] {s(status.name()), sPath("$$.State.EnteredTime")}, removed, ProgressItem.LOCK_MINE);
  }
}
