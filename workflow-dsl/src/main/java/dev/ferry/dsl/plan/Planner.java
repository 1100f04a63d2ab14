package dev.ferry.dsl.plan;

import dev.ferry.asl.Catcher;
import dev.ferry.asl.ChoiceRule;
import dev.ferry.asl.ChoiceState;
import dev.ferry.asl.FailState;
import dev.ferry.asl.ParallelState;
import dev.ferry.asl.PassState;
import dev.ferry.asl.State;
import dev.ferry.asl.StateMachine;
import dev.ferry.asl.SucceedState;
import dev.ferry.asl.TaskState;
import dev.ferry.asl.WaitState;
import dev.ferry.asl.MapState;
import dev.ferry.contract.ErrorName;
import dev.ferry.dsl.ApprovalStep;
import dev.ferry.dsl.Step;
import dev.ferry.dsl.StepKind;
import dev.ferry.dsl.compile.CompiledMigration;
import dev.ferry.dsl.compile.MachineStructure;
import dev.ferry.dsl.compile.StateNames;
import dev.ferry.dsl.compile.StateRole;
import dev.ferry.dsl.validate.Warning;
import dev.ferry.dsl.graph.MigrationGraph;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a {@link MigrationPlan}. Transition counts walk the compiled machine: every state entered
 * is one transition; calls succeed, polls are satisfied on their first call, input is already a
 * Ferry document (every Choice's default is its passing exit); a failure point's path is the happy path up to the failing state, then its
 * failure record, the compensation chain and the Fail state.
 */
public final class Planner {
  private final StateMachine machine;
  private final MigrationGraph graph;
  private final MachineStructure structure;
  private final List<Warning> warnings;

  private Planner(CompiledMigration compiled) {
    this.machine = compiled.machine();
    this.graph = compiled.graph();
    this.structure = compiled.structure();
    this.warnings = compiled.warnings();
  }

  public static MigrationPlan plan(CompiledMigration compiled) {
    return new Planner(compiled).build();
  }

  private MigrationPlan build() {
    List<String> happy = walk(machine.states(), machine.startAt());
    int happyCount = count(happy, machine.states());
    List<MigrationPlan.FailurePoint> points = new ArrayList<>();
    int prefix = 0;
    for (String name : happy) {
      State state = machine.states().get(name);
      prefix += weight(state);
      for (Failure f : failuresOf(name, state)) {
        List<String> rest = walk(machine.states(), f.target());
        String end = rest.getLast();
        if (machine.states().get(end) instanceof dev.ferry.asl.SucceedState) {
          continue; // the already-done exit: a successful end, not a failure point
        }
        String error = machine.states().get(end) instanceof FailState fail
            ? fail.error().orElseGet(() -> errorOf(rest)) : "?";
        points.add(new MigrationPlan.FailurePoint(name, structure.stepOf(name).orElse(""), error, compensationsIn(rest),
            prefix + count(rest, machine.states())));
      }
    }
    MigrationPlan.FailurePoint worst = points.stream()
        .max(java.util.Comparator.comparingInt(MigrationPlan.FailurePoint::transitions)).orElse(null);
    return new MigrationPlan(graph.name(), plannedSteps(), points, happyCount,
        worst == null ? 0 : worst.transitions(), worst == null ? "none" : worst.state(),
        graph.pointOfNoReturn().map(dev.ferry.dsl.Step::id), graph.pointOfNoReturnDeclared(),
        graph.alreadyDone().map(a -> a.checkStep() + " finds " + a.done().describe()), approvals(), warnings);
  }

  /**
   * Each approval's timeout, read from the compiled machine: the catcher of an unanswered callback
   * (on the approval's task, or for one inside a parallel group, on the group) and the
   * compensations the path from it calls.
   */
  private List<MigrationPlan.ApprovalTimeoutPlan> approvals() {
    List<MigrationPlan.ApprovalTimeoutPlan> out = new ArrayList<>();
    for (Step top : graph.steps()) {
      List<Step> candidates = new ArrayList<>(List.of(top));
      top.branches().forEach(candidates::addAll);
      for (Step s : candidates) {
        if (!(s instanceof ApprovalStep approval)) {
          continue;
        }
        String error = s == top ? "States.Timeout" : ErrorName.APPROVAL_TIMED_OUT.errorName();
        List<Catcher> catchers = switch (machine.states().get(StateNames.work(top))) {
          case TaskState t -> t.catchers();
          case ParallelState p -> p.catchers();
          case null, default -> List.of();
        };
        List<String> compensations = catchers.stream().filter(c -> c.errorEquals().contains(error)).findFirst()
            .map(c -> compensationsIn(walk(machine.states(), c.next()))).orElse(List.of());
        out.add(new MigrationPlan.ApprovalTimeoutPlan(s.id(), s.timeout().orElseThrow(), approval.onTimeout(), compensations));
      }
    }
    return out;
  }

  private record Failure(String target) {}

  /** Where a state on the happy path can fail to: its catchers, or a Choice's failure exits. */
  private List<Failure> failuresOf(String name, State state) {
    List<Failure> out = new ArrayList<>();
    StateRole role = structure.role(name);
    if (role == StateRole.INPUT || role == StateRole.LOCK) {
      return out;
    }
    switch (state) {
      case TaskState t -> t.catchers().stream().map(Catcher::next).distinct().forEach(n -> out.add(new Failure(n)));
      case ParallelState p -> p.catchers().stream().map(Catcher::next).distinct().forEach(n -> out.add(new Failure(n)));
      case ChoiceState c -> {
        c.choices().stream().map(ChoiceRule::next)
            .filter(n -> machine.states().get(n) instanceof TaskState
                || structure.role(n) == StateRole.INVALID_RESULT)
            .forEach(n -> out.add(new Failure(n)));
      }
      default -> {}
    }
    return out.stream().filter(f -> !f.target().equals(name)).distinct().toList();
  }

  /** The states entered from {@code start} when every call succeeds and every check passes. */
  private static List<String> walk(Map<String, State> states, String start) {
    List<String> path = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String at = start;
    while (at != null && seen.add(at)) {
      path.add(at);
      State state = states.get(at);
      at = switch (state) {
        case TaskState t -> t.next().orElse(null);
        case PassState p -> p.next().orElse(null);
        case WaitState w -> w.next().orElse(null);
        case ParallelState p -> p.next().orElse(null);
        case MapState m -> m.next().orElse(null);
        // Every check routes its failures by rules and lets a passing result through by default.
        case ChoiceState c -> c.defaultState().orElse(null);
        case SucceedState s -> null;
        case FailState f -> null;
      };
    }
    return path;
  }

  private static int count(List<String> path, Map<String, State> states) {
    return path.stream().mapToInt(n -> weight(states.get(n))).sum();
  }

  /** A Parallel state is one transition plus the happy walk of each branch. */
  private static int weight(State state) {
    if (state instanceof ParallelState p) {
      return 1 + p.branches().stream().mapToInt(b -> count(walk(b.states(), b.startAt()), b.states())).sum();
    }
    return 1;
  }

  private String errorOf(List<String> rest) {
    for (String name : rest) {
      State s = machine.states().get(name);
      if (s instanceof TaskState t && t.resultSelector().isPresent()) {
        var selector = t.resultSelector().get();
        var at = selector.has("at") ? selector.get("at") : selector;
        if (at.has("ferryError")) {
          return at.get("ferryError").asText();
        }
      }
    }
    return "Ferry.MigrationFailed";
  }

  /** The compensation steps a failed run's states call, in order. */
  private List<String> compensationsIn(List<String> path) {
    Set<String> undoIds = new HashSet<>();
    graph.compensableInOrder().forEach(s -> undoIds.add(s.compensation().orElseThrow().id()));
    return path.stream()
        .filter(n -> structure.role(n) == StateRole.WORK)
        .flatMap(n -> structure.stepOf(n).stream())
        .filter(undoIds::contains)
        .toList();
  }

  private List<MigrationPlan.PlannedStep> plannedSteps() {
    List<MigrationPlan.PlannedStep> out = new ArrayList<>();
    Set<String> openPauses = new HashSet<>();
    int index = 1;
    for (Step s : graph.steps()) {
      if (s.kind() == StepKind.RESUME) {
        if (s.resumes().isPresent()) {
          openPauses.remove(s.resumes().get());
        } else {
          openPauses.clear();
        }
      }
      boolean paused = !openPauses.isEmpty();
      out.add(new MigrationPlan.PlannedStep(index++, s.id(), s.kind(), paused,
          s.branches().stream().map(b -> b.stream().map(Step::id).toList()).toList()));
      if (s.kind() == StepKind.PAUSE) {
        openPauses.add(s.id());
      }
    }
    return out;
  }
}
