package dev.ferry.deploy.rehearse;

import dev.ferry.contract.AuditItem;
import dev.ferry.contract.Phase;
import dev.ferry.deploy.AuditRow;
import dev.ferry.deploy.rehearse.world.Invariant;
import dev.ferry.dsl.compile.MachineStructure;
import dev.ferry.dsl.compile.StateNames;
import dev.ferry.engine.HistoryEvent;
import dev.ferry.tasks.local.LocalWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The checks of a run started on a target already migrated ({@link FaultKind#ALREADY_DONE}), read
 * right after the first run that migrated it and again after the run under test:
 *
 * <ul>
 *   <li>{@code migrated first}: the first run, fault-free, succeeded
 *   <li>{@code nothing to do}: the run's audit trail is the run and the already-done check, and its
 *       history enters no state of any other step (no pause, backup, change, verify or compensation)
 *       and ends in the check's nothing-to-do record
 *   <li>{@code untouched}: no writer was stopped, and every state the world's restored-or-migrated
 *       invariants read is as the first run left it
 * </ul>
 */
final class AlreadyDoneChecks {
  private final String check;
  private final String firstOutcome;
  private final boolean firstSucceeded;
  private final Map<String, Integer> stops;
  private final Map<String, Map<String, String>> states;

  private AlreadyDoneChecks(String check, String firstOutcome, boolean firstSucceeded, Map<String, Integer> stops,
      Map<String, Map<String, String>> states) {
    this.check = check;
    this.firstOutcome = firstOutcome;
    this.firstSucceeded = firstSucceeded;
    this.stops = stops;
    this.states = states;
  }

  /** What the first run left: {@code run}'s writers and the world's states, as they are now. */
  static AlreadyDoneChecks afterFirstRun(RehearsalRun run, String check, String firstOutcome, boolean succeeded,
      List<Invariant> invariants) throws Exception {
    Map<String, Integer> stops = new LinkedHashMap<>();
    run.writerInstances().forEach((name, writer) -> stops.put(name, writer.stops()));
    return new AlreadyDoneChecks(check, firstOutcome, succeeded, stops, read(run, invariants));
  }

  String firstOutcome() {
    return firstOutcome;
  }

  List<Rehearsal.Check> of(RehearsalRun run, MachineStructure structure, List<Invariant> invariants) throws Exception {
    List<Rehearsal.Check> checks = new ArrayList<>();
    checks.add(new Rehearsal.Check("migrated first", firstSucceeded, "the first run " + firstOutcome));
    checks.add(nothingToDo(run, structure));
    checks.add(untouched(run, invariants));
    return checks;
  }

  private Rehearsal.Check nothingToDo(RehearsalRun run, MachineStructure structure) {
    List<AuditRow> rows = run.localRun().auditRows();
    List<String> trail = rows.stream().map(r -> r.step() + " " + r.phase()).toList();
    List<String> expected = List.of(AuditItem.RUN + " " + Phase.STARTED, check + " " + Phase.STARTED,
        check + " " + Phase.SUCCEEDED, AuditItem.RUN + " " + Phase.SUCCEEDED);
    Set<String> entered = new TreeSet<>();
    boolean recordedNothing = false;
    for (HistoryEvent e : run.localRun().execution().history()) {
      if (e.type().endsWith("StateEntered")) {
        String state = Objects.requireNonNull(e.detail("name"));
        structure.stepOf(state).ifPresent(entered::add);
        recordedNothing |= state.equals(StateNames.recordNothingToDo(check));
      }
    }
    boolean ok = trail.equals(expected) && entered.equals(Set.of(check)) && recordedNothing;
    return new Rehearsal.Check("nothing to do", ok, ok ? check + " found nothing to do: " + rows.getLast().cause()
        : "audit trail " + trail + " (expected " + expected + "), steps entered " + entered
            + (recordedNothing ? "" : ", no nothing-to-do record"));
  }

  private Rehearsal.Check untouched(RehearsalRun run, List<Invariant> invariants) throws Exception {
    List<String> touched = new ArrayList<>();
    for (Map.Entry<String, LocalWriter> w : run.writerInstances().entrySet()) {
      if (w.getValue().stops() != stops.getOrDefault(w.getKey(), 0)) {
        touched.add("writer " + w.getKey() + " was stopped");
      }
    }
    Map<String, Map<String, String>> now = read(run, invariants);
    now.forEach((name, parts) -> {
      Set<String> differ = new TreeSet<>(parts.keySet());
      differ.addAll(states.get(name).keySet());
      differ.removeIf(k -> Objects.equals(parts.get(k), states.get(name).get(k)));
      if (!differ.isEmpty()) {
        touched.add(name + " changed in " + differ);
      }
    });
    String kept = stops.isEmpty() && now.isEmpty()
        ? "the world declares no writer or restored-or-migrated state; its own checks judge the rest"
        : stops.size() + " writers never stopped, " + now.size() + " states as the first run left them";
    return new Rehearsal.Check("untouched", touched.isEmpty(), touched.isEmpty() ? kept : String.join("; ", touched));
  }

  private static Map<String, Map<String, String>> read(RehearsalRun run, List<Invariant> invariants) throws Exception {
    Map<String, Map<String, String>> states = new LinkedHashMap<>();
    for (Invariant i : invariants) {
      if (i instanceof Invariant.RestoredOrMigrated r) {
        states.put(r.name(), r.reader().read(run));
      }
    }
    return states;
  }
}
