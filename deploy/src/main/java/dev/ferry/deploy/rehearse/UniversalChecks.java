package dev.ferry.deploy.rehearse;

import dev.ferry.contract.AuditItem;
import dev.ferry.contract.ErrorName;
import dev.ferry.contract.Phase;
import dev.ferry.contract.Status;
import dev.ferry.deploy.AuditRow;
import dev.ferry.deploy.Progress;
import dev.ferry.dsl.compile.MachineStructure;
import dev.ferry.dsl.compile.StateInfo;
import dev.ferry.dsl.compile.StateRole;
import dev.ferry.dsl.compile.StepStates;
import dev.ferry.engine.ExecutionStatus;
import dev.ferry.engine.HistoryEvent;
import dev.ferry.tasks.local.LocalWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The checks every run of every migration gets, derived from the compiled structure and read from
 * what the run left: its execution history, its audit rows, the target's progress item and the
 * world's writers. None of them knows the migration.
 *
 * <ul>
 *   <li>{@code typed end}: the run ended SUCCEEDED or failed with a typed {@code Ferry.*} error
 *       (with {@code Ferry.RollbackFailed} when the fault made a compensation fail)
 *   <li>{@code compensation}: exactly the completed steps were compensated, last completed first
 *       (the failed step's own compensation first when it compensates its own failure)
 *   <li>{@code resumed}: every writer is writing again, unless the run ended ROLLBACK_FAILED, which
 *       keeps what it paused for an operator
 *   <li>{@code lock}: released on SUCCEEDED and ROLLED_BACK, kept by the run on ROLLBACK_FAILED
 *   <li>{@code audit}: every step started has its end row, every compensation started has its end,
 *       and the run's end row agrees with the progress status
 *   <li>{@code applied once}: no step recorded done or compensated twice, and no step recorded done
 *       before a redrive runs again after it
 * </ul>
 */
final class UniversalChecks {
  private UniversalChecks() {}

  static List<Rehearsal.Check> of(RehearsalRun run, Rehearsal.Setup setup) {
    MachineStructure structure = setup.structure();
    List<HistoryEvent> history = run.localRun().execution().history();
    List<AuditRow> audit = run.localRun().auditRows();
    Optional<Status> status = run.progress();
    List<Rehearsal.Check> checks = new ArrayList<>();
    if (run.faultFree()) {
      boolean ok = run.result().status() == ExecutionStatus.SUCCEEDED;
      checks.add(new Rehearsal.Check("fault-free run succeeds", ok, RehearsalRun.describe(run.result())));
    }
    checks.add(typedEnd(run, setup));
    checks.add(compensation(structure, history, audit, status));
    checks.add(resumed(run, status));
    checks.add(lock(run.progressRow(), run.localRun().id()));
    checks.add(audit(audit, status));
    checks.add(appliedOnce(structure, history, audit));
    return checks;
  }

  static Rehearsal.Check typedEnd(RehearsalRun run, Rehearsal.Setup setup) {
    String end = RehearsalRun.describe(run.result());
    if (run.fault().isPresent() && run.fault().get().startsWith(FaultKind.COMPENSATION_FAILS.cliName())) {
      boolean rollbackFailed = ErrorName.ROLLBACK_FAILED.errorName().equals(run.result().error());
      String cause = String.valueOf(run.result().cause());
      String compensation = setup.compensationOf(run).orElse("?");
      boolean named = cause.contains(compensation);
      return new Rehearsal.Check("typed end", rollbackFailed && named, rollbackFailed
          ? (named ? "Ferry.RollbackFailed naming " + compensation + "; operator: finish " + compensation
              + " by hand, then ferry unlock " + run.localRun().target() + " --reason '...'"
              : "Ferry.RollbackFailed, but the cause does not name the failed compensation " + compensation)
          : end + ", expected Ferry.RollbackFailed after the failed compensation");
    }
    return switch (run.result().status()) {
      case SUCCEEDED -> new Rehearsal.Check("typed end", true, end);
      case FAILED -> {
        Optional<ErrorName> typed = ErrorName.parse(run.result().error())
            .filter(e -> e != ErrorName.PROCESS_DIED && e != ErrorName.LOCAL_PROCESS_ENDED);
        yield new Rehearsal.Check("typed end", typed.isPresent(),
            typed.isPresent() ? end : end + " is not a typed end (Ferry.MigrationFailed, Ferry.RollbackFailed, ...)");
      }
      default -> new Rehearsal.Check("typed end", false, end + ": the run did not end");
    };
  }

  /**
   * The compensations the history shows, against those the completed steps call for. A step
   * completed when its record state was entered (its work and checks passed); a compensation ran
   * when its work state was entered.
   */
  static Rehearsal.Check compensation(MachineStructure structure, List<HistoryEvent> history, List<AuditRow> audit,
      Optional<Status> status) {
    Set<String> compensationIds = new HashSet<>();
    structure.compensations().forEach(c -> compensationIds.add(c.id()));
    List<String> ran = new ArrayList<>();
    Set<String> recorded = new HashSet<>();
    for (HistoryEvent e : history) {
      if (!e.type().endsWith("StateEntered")) {
        continue;
      }
      Optional<StateInfo> state = structure.state(e.detail("name"));
      if (state.isEmpty() || state.get().step().isEmpty()) {
        continue;
      }
      String step = state.get().step().get();
      if (state.get().role() == StateRole.WORK && compensationIds.contains(step)
          && (ran.isEmpty() || !ran.getLast().equals(step))) {
        ran.add(step);
      }
      if (state.get().role() == StateRole.RECORD && !compensationIds.contains(step)) {
        recorded.add(step);
      }
    }
    List<String> expected = expectedCompensations(structure, recorded, failedStep(audit));
    // a success, or a failure past the point of no return, undoes nothing
    if (status.filter(s -> s == Status.SUCCEEDED || s == Status.INCOMPLETE).isPresent()) {
      expected = List.of();
    }
    boolean ok;
    String detail;
    if (status.filter(s -> s == Status.ROLLBACK_FAILED).isPresent()) {
      ok = !ran.isEmpty() && ran.size() <= expected.size() && expected.subList(0, ran.size()).equals(ran);
      detail = "ran " + words(ran) + " until one failed; expected a start of " + words(expected);
    } else {
      ok = ran.equals(expected);
      detail = ok ? (ran.isEmpty() ? "nothing to compensate" : words(ran)) : "ran " + words(ran) + ", expected " + words(expected);
    }
    return new Rehearsal.Check("compensation", ok, detail);
  }

  /** The failed step's own compensation first when it undoes its own failure, then the completed steps', last first. */
  private static List<String> expectedCompensations(MachineStructure structure, Set<String> recorded, Optional<String> failed) {
    List<String> completed = new ArrayList<>();
    for (StepStates top : structure.topLevel()) {
      if (!recorded.contains(top.id())) {
        continue;
      }
      structure.steps().stream().filter(s -> s.group().filter(top.id()::equals).isPresent())
          .forEach(inner -> inner.compensation().ifPresent(completed::add));
      top.compensation().ifPresent(completed::add);
    }
    List<String> expected = new ArrayList<>();
    failed.filter(f -> !recorded.contains(f)).flatMap(structure::step)
        .filter(StepStates::compensatesOwnFailure)
        .flatMap(StepStates::compensation)
        .ifPresent(expected::add);
    for (int i = completed.size() - 1; i >= 0; i--) {
      expected.add(completed.get(i));
    }
    return expected;
  }

  private static Optional<String> failedStep(List<AuditRow> audit) {
    return audit.stream()
        .filter(r -> r.phase().equals(Phase.FAILED.name()) && !r.step().equals(AuditItem.RUN))
        .map(AuditRow::step)
        .findFirst();
  }

  static Rehearsal.Check resumed(RehearsalRun run, Optional<Status> status) {
    boolean rollbackFailed = status.filter(s -> s == Status.ROLLBACK_FAILED || s == Status.INCOMPLETE).isPresent();
    List<String> paused = new ArrayList<>();
    List<String> resumed = new ArrayList<>();
    for (Map.Entry<String, LocalWriter> w : run.writerInstances().entrySet()) {
      if (w.getValue().state() == LocalWriter.State.RUNNING && run.writesAgain(w.getKey(), 2)) {
        resumed.add(w.getKey());
      } else {
        paused.add(w.getKey());
      }
    }
    if (paused.isEmpty()) {
      return new Rehearsal.Check("resumed", true, resumed.isEmpty() ? "no writers" : String.join(", ", resumed) + " writing");
    }
    return new Rehearsal.Check("resumed", rollbackFailed, String.join(", ", paused)
        + (rollbackFailed ? " kept paused with the lock (" + status.get() + ")" : " still paused"));
  }

  static Rehearsal.Check lock(Optional<Progress> row, String execution) {
    if (row.isEmpty()) {
      return new Rehearsal.Check("lock", false, "the target has no progress row");
    }
    Progress progress = row.get();
    Optional<String> holder = progress.lockHolder();
    return switch (Status.parse(progress.status()).orElse(Status.RUNNING)) {
      case ROLLBACK_FAILED, ABANDONED, INCOMPLETE -> new Rehearsal.Check("lock", holder.filter(execution::equals).isPresent(),
          holder.isPresent() ? "kept (" + progress.status() + ")" : "released although the run did not finish");
      case SUCCEEDED, ROLLED_BACK -> new Rehearsal.Check("lock", holder.isEmpty(),
          holder.isEmpty() ? "released" : "still held by " + holder.get());
      case RUNNING, ROLLING_BACK -> new Rehearsal.Check("lock", false, "progress " + progress.status()
          + " after the run ended, lock " + holder.map(h -> "held by " + h).orElse("free"));
    };
  }

  static Rehearsal.Check audit(List<AuditRow> rows, Optional<Status> status) {
    Map<String, Set<Phase>> phases = new HashMap<>();
    for (AuditRow row : rows) {
      Phase.parse(row.phase()).ifPresent(p -> phases.computeIfAbsent(row.step(), s -> new HashSet<>()).add(p));
    }
    Set<String> missing = new TreeSet<>();
    phases.forEach((step, seen) -> {
      if (step.equals(AuditItem.RUN)) {
        return;
      }
      if (seen.contains(Phase.STARTED) && !seen.contains(Phase.SUCCEEDED) && !seen.contains(Phase.FAILED)) {
        missing.add(step + " end");
      }
      if (seen.contains(Phase.COMPENSATING) && !seen.contains(Phase.COMPENSATED) && !seen.contains(Phase.COMPENSATION_FAILED)) {
        missing.add(step + " compensation end");
      }
    });
    Set<Phase> run = phases.getOrDefault(AuditItem.RUN, Set.of());
    Optional<Phase> wanted = status.flatMap(s -> switch (s) {
      case SUCCEEDED -> Optional.of(Phase.SUCCEEDED);
      case ROLLED_BACK, INCOMPLETE -> Optional.of(Phase.FAILED);
      case ROLLBACK_FAILED -> Optional.of(Phase.COMPENSATION_FAILED);
      case RUNNING, ROLLING_BACK, ABANDONED -> Optional.empty();
    });
    if (wanted.isEmpty() || !run.contains(wanted.get())) {
      missing.add("run end" + wanted.map(p -> " " + p).orElse(""));
    }
    return new Rehearsal.Check("audit", missing.isEmpty(), missing.isEmpty()
        ? rows.size() + " rows, every step entered has its end" : "missing " + String.join(", ", missing));
  }

  static Rehearsal.Check appliedOnce(MachineStructure structure, List<HistoryEvent> history, List<AuditRow> audit) {
    Set<String> twice = new LinkedHashSet<>();
    Set<String> seen = new HashSet<>();
    for (AuditRow row : audit) {
      if ((row.phase().equals(Phase.SUCCEEDED.name()) || row.phase().equals(Phase.COMPENSATED.name()))
          && !row.step().equals(AuditItem.RUN) && !seen.add(row.step() + " " + row.phase())) {
        twice.add(row.step() + " " + row.phase().toLowerCase(java.util.Locale.ROOT) + " twice");
      }
    }
    Set<String> doneBeforeRedrive = new HashSet<>();
    boolean afterRedrive = false;
    for (HistoryEvent e : history) {
      if (e.type().equals("ExecutionRedriven")) {
        afterRedrive = true;
        continue;
      }
      Optional<StateInfo> state = Optional.ofNullable(e.detail("name")).flatMap(structure::state);
      if (state.isEmpty() || state.get().step().isEmpty()) {
        continue;
      }
      String step = state.get().step().get();
      if (!afterRedrive && e.type().equals("TaskStateExited") && state.get().role() == StateRole.RECORD) {
        doneBeforeRedrive.add(step);
      }
      if (afterRedrive && e.type().endsWith("StateEntered") && state.get().role() == StateRole.WORK
          && doneBeforeRedrive.contains(step)) {
        twice.add(step + " run again after the redrive");
      }
    }
    return new Rehearsal.Check("applied once", twice.isEmpty(), twice.isEmpty()
        ? "every step applied once" : String.join(", ", twice));
  }

  private static String words(List<String> steps) {
    return steps.isEmpty() ? "none" : String.join(" -> ", steps);
  }
}
