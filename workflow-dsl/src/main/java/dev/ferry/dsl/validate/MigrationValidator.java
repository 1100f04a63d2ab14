package dev.ferry.dsl.validate;

import dev.ferry.dsl.ApprovalStep;
import dev.ferry.dsl.ApprovalTimeout;
import dev.ferry.dsl.Parameter;
import dev.ferry.dsl.Poll;
import dev.ferry.dsl.Ref;
import dev.ferry.dsl.Step;
import dev.ferry.dsl.StepKind;
import dev.ferry.dsl.StepOutput;
import dev.ferry.dsl.compile.ResultChecks;
import dev.ferry.dsl.compile.StateNames;
import dev.ferry.dsl.graph.Edge;
import dev.ferry.dsl.graph.MigrationGraph;
import dev.ferry.dsl.graph.Node;
import dev.ferry.dsl.graph.VersionPlan;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Checks a {@link MigrationGraph} against the migration-safety rules and collects every violation.
 * Path rules use one must-have-run analysis over the happy edges: a step has surely run before a
 * node when it lies on every path from the start to that node (at a parallel join: on any branch).
 * The sets share their common parts ({@link CompletedSets}), so the analysis is linear in the steps.
 */
public final class MigrationValidator {
  private static final Pattern STEP_ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

  private final MigrationGraph graph;
  private final Map<String, Node> nodes;
  private final List<Violation> violations = new ArrayList<>();
  /** The ids two or more steps share, each reported once. */
  private final Set<String> reportedIds = new HashSet<>();
  private final Map<String, Integer> index = new LinkedHashMap<>();
  private CompletedSets completed;

  private MigrationValidator(MigrationGraph graph) {
    this.graph = graph;
    this.nodes = graph.nodesById();
  }

  /** Every violation of {@code graph}, in step order; empty when it is safe to compile. */
  public static List<Violation> validate(MigrationGraph graph) {
    MigrationValidator v = new MigrationValidator(graph);
    v.run();
    return List.copyOf(v.violations);
  }

  private void run() {
    checkIdsAndNames();
    checkActions();
    checkGuards();
    checkPolls();
    checkDeclaredPointOfNoReturn();
    checkApprovalTimeouts();
    violations.addAll(FunctionValidator.validate(graph, everyStep()));
    if (!reportedIds.isEmpty()) {
      return; // paths are undefined while two steps share an id
    }
    Optional<Map<String, CompletedSets.Set>> ran = mustHaveRun();
    if (ran.isEmpty()) {
      return;
    }
    Map<String, CompletedSets.Set> before = ran.get();
    checkBackups(before);
    checkPauses(before);
    checkVerifies(before);
    checkReferences(before);
    checkApprovals(before);
    checkVersionPlans(before);
    checkPointOfNoReturn();
  }

  private void checkPointOfNoReturn() {
    Optional<Step> line = graph.pointOfNoReturn();
    String which = graph.pointOfNoReturnDeclared() ? "declared with pointOfNoReturnAfter"
        : "the last verify, or the first irreversible step";
    for (Step top : graph.afterPointOfNoReturn()) {
      List<Step> steps = new ArrayList<>(List.of(top));
      top.branches().forEach(steps::addAll);
      for (Step s : steps) {
        if (s.compensation().isPresent()) {
          add(s.id(), Rule.COMPENSATION_AFTER_NO_RETURN,
              "It comes after '" + line.get().id() + "', the point of no return (" + which + "), after which a failure is"
                  + " retried and then ends the run with Ferry.Incomplete, never compensated.",
              "Drop its compensatedBy, or move it before '" + line.get().id() + "'.");
        }
      }
    }
  }

  /** The step given to {@code pointOfNoReturnAfter} must be a top-level step, not after an irreversible one. */
  private void checkDeclaredPointOfNoReturn() {
    if (graph.declaredPointOfNoReturn().isEmpty()) {
      return;
    }
    String id = graph.declaredPointOfNoReturn().get();
    Optional<Step> top = graph.steps().stream().filter(s -> s.id().equals(id)).findFirst();
    if (top.isEmpty()) {
      Optional<Step> group = graph.steps().stream()
          .filter(s -> s.branches().stream().flatMap(List::stream).anyMatch(i -> i.id().equals(id))).findFirst();
      add(id, Rule.NO_RETURN_MARKER,
          group.map(g -> "It is declared the point of no return, but it runs inside the parallel group '" + g.id()
                  + "', which ends only once all its branches have.")
              .orElse("It is declared the point of no return, but it is not a step of migration '" + graph.name()
                  + "' (a compensation, or a step never added with .step(...))."),
          group.map(g -> "Declare pointOfNoReturnAfter(" + camel(g.id()) + "), the group itself.")
              .orElse("Pass a step added with .step(...) to pointOfNoReturnAfter."));
      return;
    }
    Optional<Step> irreversible = graph.firstIrreversibleStep();
    if (irreversible.isPresent() && graph.steps().indexOf(top.get()) > graph.steps().indexOf(irreversible.get())) {
      add(id, Rule.NO_RETURN_MARKER,
          "It is declared the point of no return, but '" + irreversible.get().id() + "' runs before it and cannot be undone,"
              + " so a failure between them would compensate steps whose change can no longer be put back.",
          "Declare pointOfNoReturnAfter(" + camel(irreversible.get().id()) + ") or an earlier step, or drop the declaration"
              + " (the default line is at the first irreversible step).");
    }
  }

  /**
   * An approval declared {@link ApprovalTimeout#FAIL_BEFORE_CHANGE} ends a run that timed out
   * with nothing undone, so nothing before it may have changed the target.
   */
  private void checkApprovalTimeouts() {
    for (Step s : graph.allWorkSteps()) {
      if (!(s instanceof ApprovalStep a) || a.onTimeout() != ApprovalTimeout.FAIL_BEFORE_CHANGE) {
        continue;
      }
      Optional<Step> group = graph.steps().stream()
          .filter(t -> t.branches().stream().flatMap(List::stream).anyMatch(i -> i.id().equals(s.id()))).findFirst();
      if (group.isPresent()) {
        add(s.id(), Rule.TIMEOUT_BEFORE_CHANGE,
            "It declares .onTimeout(ApprovalTimeout.FAIL_BEFORE_CHANGE) inside the parallel group '" + group.get().id()
                + "', whose other branches may change the target while it waits.",
            "Move the approval before '" + group.get().id() + "', or declare .onTimeout(ApprovalTimeout.ROLL_BACK).");
        continue;
      }
      List<Step> changes = graph.changesBefore(s.id());
      if (!changes.isEmpty()) {
        Step first = changes.getFirst();
        add(s.id(), Rule.TIMEOUT_BEFORE_CHANGE,
            "It declares .onTimeout(ApprovalTimeout.FAIL_BEFORE_CHANGE), but '" + first.id() + "' (" + first.kind().word()
                + ") runs before it and changes the target"
                + (changes.size() > 1 ? " (and " + (changes.size() - 1) + " more step" + (changes.size() > 2 ? "s" : "") + ")" : "")
                + ", so a timeout would end the run with that change in place and nothing undone.",
            "Declare .onTimeout(ApprovalTimeout.ROLL_BACK) to undo what ran before it when nobody answers, or move the"
                + " approval before '" + first.id() + "'.");
      }
    }
  }

  private void add(String stepId, Rule rule, String problem, String fix) {
    violations.add(Violation.step(stepId, rule, problem, fix));
  }

  private List<Node.StepNode> stepNodes() {
    return graph.nodes().stream()
        .filter(Node.StepNode.class::isInstance)
        .map(Node.StepNode.class::cast)
        .toList();
  }

  private List<Step> everyStep() {
    List<Step> all = new ArrayList<>(graph.allWorkSteps());
    graph.compensableInOrder().forEach(s -> all.add(s.compensation().orElseThrow()));
    return all;
  }

  private void checkIdsAndNames() {
    Map<String, String> owners = new HashMap<>();
    for (String fixed : StateNames.injected()) {
      owners.put(fixed, "Ferry's injected states");
    }
    Set<String> ids = new HashSet<>();
    Map<String, ResultChecks> resultChecks = ResultChecks.all(graph);
    Set<String> undoIds = new HashSet<>();
    Map<String, List<String>> undoneBy = new LinkedHashMap<>();
    graph.compensableInOrder().forEach(s -> {
      undoIds.add(s.compensation().orElseThrow().id());
      undoneBy.computeIfAbsent(s.compensation().orElseThrow().id(), k -> new ArrayList<>()).add(s.id());
    });
    for (Step step : everyStep()) {
      if (!STEP_ID.matcher(step.id()).matches()) {
        add(step.id(), Rule.INVALID_STEP_ID,
            "The id '" + step.id() + "' is not lower-case words joined by hyphens; it becomes a JSONPath key and an audit key.",
            "Rename it like 'snapshot-database'.");
      }
      if (!ids.add(step.id())) {
        List<String> undone = undoneBy.getOrDefault(step.id(), List.of());
        if (undone.size() > 1 && reportedIds.add(step.id())) {
          // One rollback handed to several steps: the usual first try at "one restore undoes them all".
          add(step.id(), Rule.DUPLICATE_STATE_NAME,
              "It is the compensation of " + undone.size() + " steps (" + String.join(", ", undone)
                  + "); a compensation undoes one step, and a failure runs the compensation of every completed step, latest first.",
              "Keep .compensatedBy(...) on '" + undone.get(0) + "' only: a failure of a later step still runs it. Or give each step a rollback with its own id.");
        } else if (reportedIds.add(step.id())) {
          add(step.id(), Rule.DUPLICATE_STATE_NAME,
              "Two steps have the id '" + step.id() + "', so their states, results and audit rows would collide.",
              "Give each step its own id (for version hops use hop.stepId(\"...\")).");
        }
        continue;
      }
      for (String name : undoIds.contains(step.id()) ? StateNames.allOfCompensation(step) : StateNames.all(step)) {
        checkName(name, "step '" + step.id() + "'", owners, step.id());
      }
      for (String name : StateNames.invalidResults(step, ResultChecks.of(resultChecks, step))) {
        checkName(name, "step '" + step.id() + "'", owners, step.id());
      }
    }
    for (Parameter<?> p : graph.parameters()) {
      for (String name : StateNames.all(p)) {
        checkName(name, "parameter '" + p.name() + "'", owners, null);
      }
    }
  }

  private void checkName(String name, String owner, Map<String, String> owners, String stepId) {
    String subject = stepId == null ? owner : "step '" + stepId + "'";
    if (name.length() > StateNames.MAX_LENGTH) {
      violations.add(new Violation(subject, Rule.STATE_NAME_TOO_LONG,
          "Its state '" + name + "' is " + name.length() + " characters; Step Functions allows " + StateNames.MAX_LENGTH + ".",
          "Shorten the id (or title) by at least " + (name.length() - StateNames.MAX_LENGTH) + " characters."));
    }
    String previous = owners.putIfAbsent(name, owner);
    if (previous != null && !previous.equals(owner)) {
      violations.add(new Violation(subject, Rule.DUPLICATE_STATE_NAME,
          "Its state name '" + name + "' is also used by " + previous + ".",
          "Give one of them a different title(...) or id."));
    }
  }

  private void checkActions() {
    if (graph.steps().isEmpty()) {
      violations.add(new Violation("migration '" + graph.name() + "'", Rule.MISSING_ACTION,
          "It has no steps.", "Add steps with .step(...)."));
    }
    for (Step step : everyStep()) {
      if (step.action().isEmpty() && step.poll().isEmpty()) {
        add(step.id(), Rule.MISSING_ACTION,
            "The " + step.kind().word() + " step calls nothing.",
            "Give it .invoke(FerryTasks....) or a declared LambdaFunction's .call(...), .pollUntil(Poll.with(...)) or .inParallel(...).");
      }
      if (step.kind() == StepKind.RESUME && step.resumes().isPresent()) {
        String target = step.resumes().get();
        boolean isPause = graph.allWorkSteps().stream().anyMatch(s -> s.id().equals(target) && s.kind() == StepKind.PAUSE);
        if (!isPause) {
          add(step.id(), Rule.RESUME_TARGET,
              "It resumes '" + target + "', which is not a pause step of this migration.",
              "Pass the pause step to .resumes(...).");
        }
      }
    }
  }

  private void checkGuards() {
    boolean sideEffects = false;
    for (Step step : graph.steps()) {
      if (step.kind() != StepKind.GUARD) {
        sideEffects = true;
      } else if (sideEffects) {
        add(step.id(), Rule.GUARD_AFTER_SIDE_EFFECT,
            "A guard must decide before anything changes, but steps with side effects run before it.",
            "Move the guard before the first non-guard step, or make it a verify step.");
      }
    }
  }

  private void checkPolls() {
    for (Step step : everyStep()) {
      if (step.poll().isEmpty()) {
        continue;
      }
      Poll poll = step.poll().get();
      long events = HistoryBudget.worstCaseEvents(poll);
      if (events > HistoryBudget.LIMIT) {
        add(step.id(), Rule.POLL_HISTORY_LIMIT,
            "Polling every " + poll.every().toSeconds() + " s for up to " + poll.timeout().toSeconds()
                + " s makes " + poll.maxAttempts() + " calls and " + events
                + " history events in the worst case (limit " + HistoryBudget.LIMIT + ").",
            "Poll every " + HistoryBudget.shortestFittingInterval(poll.timeout()).toSeconds()
                + " s or more, or add .backoff(Backoff.doublingUpTo(Duration.ofMinutes(30))), or shorten the timeout.");
      }
    }
  }

  /**
   * For each node, the steps that have surely completed before it runs (element i: the i-th node
   * of {@link #index}); empty when the graph has a cycle.
   */
  private Optional<Map<String, CompletedSets.Set>> mustHaveRun() {
    List<String> ids = new ArrayList<>(nodes.keySet());
    for (int i = 0; i < ids.size(); i++) {
      index.put(ids.get(i), i);
    }
    int n = ids.size();
    List<List<Integer>> preds = new ArrayList<>();
    List<List<Integer>> succs = new ArrayList<>();
    List<List<Integer>> allPreds = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      preds.add(new ArrayList<>());
      succs.add(new ArrayList<>());
      allPreds.add(new ArrayList<>());
    }
    int[] indegree = new int[n];
    for (Edge e : graph.edges()) {
      Integer from = index.get(e.from());
      Integer to = index.get(e.to());
      if (e instanceof Edge.PollLoop || from == null || to == null) {
        continue;
      }
      succs.get(from).add(to);
      allPreds.get(to).add(from);
      indegree[to]++;
      if (e instanceof Edge.Happy) {
        preds.get(to).add(from);
      }
    }
    ArrayDeque<Integer> ready = new ArrayDeque<>();
    for (int i = 0; i < n; i++) {
      if (indegree[i] == 0) {
        ready.add(i);
      }
    }
    List<Integer> order = new ArrayList<>();
    while (!ready.isEmpty()) {
      int i = ready.poll();
      order.add(i);
      for (int t : succs.get(i)) {
        if (--indegree[t] == 0) {
          ready.add(t);
        }
      }
    }
    if (order.size() < n) {
      List<String> loop = cycleAmong(indegree, allPreds, ids);
      add(loop.getFirst(), Rule.CYCLE,
          "The graph loops back through " + String.join(" -> ", loop) + "; only a declared polling loop may repeat.",
          "Use .pollUntil(Poll.with(...)) to repeat a call until a condition holds.");
      return Optional.empty();
    }
    int[] kindOf = new int[n];
    for (int i = 0; i < n; i++) {
      kindOf[i] = nodes.get(ids.get(i)) instanceof Node.StepNode s ? s.step().kind().ordinal() : -1;
    }
    completed = new CompletedSets(kindOf, StepKind.values().length);
    CompletedSets.Set[] after = new CompletedSets.Set[n];
    Map<String, CompletedSets.Set> before = new HashMap<>();
    for (int i : order) {
      Node node = nodes.get(ids.get(i));
      List<Integer> in = preds.get(i);
      CompletedSets.Set ran;
      if (in.isEmpty()) {
        ran = completed.empty();
      } else {
        List<CompletedSets.Set> incoming = new ArrayList<>(in.size());
        in.forEach(p -> incoming.add(after[p]));
        ran = node instanceof Node.Join ? completed.union(incoming) : completed.intersection(incoming);
      }
      before.put(ids.get(i), ran);
      after[i] = switch (node) {
        case Node.StepNode s when s.step().branches().isEmpty() -> completed.add(ran, i);
        case Node.Join j -> completed.add(ran, index.get(j.group()));
        default -> ran;
      };
    }
    return Optional.of(before);
  }

  /**
   * A cycle among the nodes Kahn's algorithm could not order. Each of them keeps a predecessor
   * that was not ordered either, so walking predecessors must come back to a node already seen.
   */
  private static List<String> cycleAmong(int[] indegree, List<List<Integer>> preds, List<String> ids) {
    int at = 0;
    while (indegree[at] == 0) {
      at++;
    }
    List<Integer> walk = new ArrayList<>();
    Map<Integer, Integer> seenAt = new HashMap<>();
    while (!seenAt.containsKey(at)) {
      seenAt.put(at, walk.size());
      walk.add(at);
      at = preds.get(at).stream().filter(p -> indegree[p] > 0).findFirst().orElseThrow();
    }
    List<Integer> cycle = new ArrayList<>(walk.subList(seenAt.get(at), walk.size()));
    java.util.Collections.reverse(cycle);
    int start = cycle.indexOf(cycle.stream().min(Integer::compare).orElseThrow());
    List<String> loop = new ArrayList<>();
    for (int k = 0; k <= cycle.size(); k++) {
      loop.add(ids.get(cycle.get((start + k) % cycle.size())));
    }
    return loop;
  }

  private Optional<Step> stepOf(String id) {
    return Optional.ofNullable(nodes.get(id)).flatMap(n -> switch (n) {
      case Node.StepNode s -> Optional.of(s.step());
      default -> Optional.<Step>empty();
    });
  }

  private CompletedSets.Set ranBefore(Map<String, CompletedSets.Set> before, String nodeId) {
    return before.getOrDefault(nodeId, completed.empty());
  }

  private boolean ran(CompletedSets.Set set, String stepId) {
    Integer i = index.get(stepId);
    return i != null && completed.contains(set, i);
  }

  /** The steps of {@code kind} in {@code set}, in node order. */
  private List<Step> ranOfKind(CompletedSets.Set set, StepKind kind) {
    List<String> ids = new ArrayList<>(index.keySet());
    List<Step> out = new ArrayList<>();
    for (int i : completed.ofKind(set, kind.ordinal())) {
      stepOf(ids.get(i)).ifPresent(out::add);
    }
    return out;
  }

  private void checkBackups(Map<String, CompletedSets.Set> before) {
    for (Node.StepNode n : stepNodes()) {
      Step s = n.step();
      if (s.kind() == StepKind.UPGRADE && s.withoutBackupReason().isEmpty()
          && !completed.containsKind(ranBefore(before, s.id()), StepKind.BACKUP.ordinal())) {
        add(s.id(), Rule.BACKUP_BEFORE_UPGRADE,
            "No backup step has surely completed on every path before this upgrade, so a failure could not be restored.",
            "Add a Step.backup(...) before it, or declare .withoutBackup(\"why no backup is needed\").");
      }
    }
  }

  private void checkPauses(Map<String, CompletedSets.Set> before) {
    List<Step> resumesAtEnd = ranOfKind(ranBefore(before, new Node.Succeeded().id()), StepKind.RESUME);
    for (Node.StepNode n : stepNodes()) {
      Step pause = n.step();
      if (pause.kind() != StepKind.PAUSE) {
        continue;
      }
      boolean resumedOnSuccess = resumesAtEnd.reversed().stream()
          .anyMatch(r -> ran(ranBefore(before, r.id()), pause.id())
              && r.resumes().map(pause.id()::equals).orElse(true));
      if (!resumedOnSuccess) {
        add(pause.id(), Rule.PAUSE_WITHOUT_RESUME,
            "No resume step after it ends this pause on the success path, so the service would stay paused.",
            "Add Step.resume(...).resumes(" + camel(pause.id()) + ") after the steps that need the pause.");
      }
      boolean resumedOnFailure = pause.compensation().map(c -> c.kind() == StepKind.RESUME).orElse(false);
      if (!resumedOnFailure) {
        add(pause.id(), Rule.PAUSE_WITHOUT_RESUME,
            "A failure after it would leave the service paused: it has no compensation that resumes.",
            "Add .compensatedBy(Step.resume(...)) to it, resuming only what it paused.");
      }
    }
  }

  private void checkVerifies(Map<String, CompletedSets.Set> before) {
    List<Step> verifiesAtEnd = ranOfKind(ranBefore(before, new Node.Succeeded().id()), StepKind.VERIFY);
    for (Node.StepNode n : stepNodes()) {
      Step up = n.step();
      if (up.kind() != StepKind.UPGRADE) {
        continue;
      }
      // latest verify first: it is the one most likely to follow the upgrade
      boolean verified = verifiesAtEnd.reversed().stream().anyMatch(v -> ran(ranBefore(before, v.id()), up.id()));
      if (!verified) {
        add(up.id(), Rule.VERIFY_AFTER_UPGRADE,
            "No verify step runs after this upgrade on every path, so a broken upgrade would be reported as a success.",
            "Add a Step.verify(...) with an .expect(...) after it.");
      }
    }
  }

  private void checkReferences(Map<String, CompletedSets.Set> before) {
    for (Node.StepNode n : stepNodes()) {
      Step s = n.step();
      CompletedSets.Set available = ranBefore(before, s.id());
      Predicate<String> beforeIt = id -> ran(available, id);
      // A poll reads its own step's earlier call; a compensation reads the step it undoes, unless it also runs when that step fails.
      Predicate<String> forPoll = s.action().isPresent() ? id -> id.equals(s.id()) || ran(available, id) : beforeIt;
      Predicate<String> forUndo = s.compensatesOwnFailure() ? beforeIt : id -> id.equals(s.id()) || ran(available, id);
      s.action().ifPresent(a -> a.refs().forEach(r -> checkRef(s, r, beforeIt, "its action")));
      s.poll().ifPresent(p -> p.action().refs().forEach(r -> checkRef(s, r, forPoll, "its poll")));
      s.compensation().ifPresent(c -> c.refs().forEach(r -> checkRef(c, r, forUndo,
          "the compensation of '" + s.id() + "'" + (s.compensatesOwnFailure() ? " (which also runs when that step itself fails)" : ""))));
    }
  }

  private void checkRef(Step reader, Ref ref, Predicate<String> available, String where) {
    switch (ref) {
      case Ref.ParameterRef p -> {
        if (graph.parameter(p.name()).isEmpty()) {
          add(reader.id(), Rule.UNKNOWN_REFERENCE,
              "In " + where + " it reads parameter '" + p.name() + "', which the migration does not declare.",
              "Declare .parameter(Parameter.string(\"" + p.name() + "\")...) or fix the name.");
        }
      }
      case StepOutput o -> {
        Optional<Step> target = stepOf(o.stepId());
        if (target.isEmpty()) {
          add(reader.id(), Rule.UNKNOWN_REFERENCE,
              "In " + where + " it reads the output of '" + o.stepId() + "', which is not a work step of this migration.",
              "Refer to a step added with .step(...) before it.");
        } else if (!available.test(o.stepId())) {
          add(reader.id(), Rule.OUTPUT_MAY_NOT_EXIST,
              "In " + where + " it reads '" + o.stepId() + "." + o.field()
                  + "', but '" + o.stepId() + "' has not surely completed on every path to it (a later step, a sibling parallel branch, or a step that failed).",
              "Read only steps that complete before it on every path, or move it after '" + o.stepId() + "'.");
        }
      }
      case Ref.Context c -> {}
      case Ref.Format f -> {}
    }
  }

  private void checkApprovals(Map<String, CompletedSets.Set> before) {
    for (Node.StepNode n : stepNodes()) {
      Step s = n.step();
      if (s.isIrreversible() && !completed.containsKind(ranBefore(before, s.id()), StepKind.APPROVAL.ordinal())) {
        add(s.id(), Rule.APPROVAL_BEFORE_IRREVERSIBLE,
            "It cannot be undone, and no approval step completes before it on every path.",
            "Add Step.approval(\"approve-...\", \"what the approver decides\") before it.");
      }
    }
  }

  private void checkVersionPlans(Map<String, CompletedSets.Set> before) {
    for (VersionPlan plan : graph.versionPlans()) {
      if (plan.hops().isEmpty()) {
        violations.add(new Violation("version hops " + plan.from() + " -> " + plan.to(), Rule.VERSION_PATH,
            "The compatibility matrix has no chain of supported upgrades from " + plan.from() + " to " + plan.to()
                + " (edges: " + plan.matrix().edges().stream().map(e -> e.from() + "->" + e.to()).toList() + ").",
            "Add the missing VersionMatrix.edge(...) or change the versions."));
        continue;
      }
      for (VersionPlan.HopSteps hs : plan.hops().get()) {
        if (hs.stepIds().isEmpty()) {
          continue;
        }
        String first = hs.stepIds().getFirst();
        for (String prerequisite : hs.hop().prerequisites()) {
          if (!ran(ranBefore(before, first), prerequisite)) {
            add(first, Rule.VERSION_PREREQUISITE,
                "The hop " + hs.hop().from() + " -> " + hs.hop().to() + " needs step '" + prerequisite
                    + "' to have run first, but it does not complete before this hop on every path.",
                "Add step '" + prerequisite + "' before the version hops.");
          }
        }
      }
    }
  }

  private static String camel(String id) {
    StringBuilder b = new StringBuilder();
    for (String part : id.split("-")) {
      b.append(b.isEmpty() ? part : part.isEmpty() ? "" : Character.toUpperCase(part.charAt(0)) + part.substring(1));
    }
    return b.toString();
  }
}
