package dev.ferry.dsl.validate;

import dev.ferry.contract.Trigger;
import dev.ferry.dsl.ApprovalStep;
import dev.ferry.dsl.ApprovalTimeout;
import dev.ferry.dsl.Step;
import dev.ferry.dsl.StepKind;
import dev.ferry.dsl.graph.MigrationGraph;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The risks of a valid migration, given how it is started: what the migration declares ({@code
 * Migration.startedBy}) and what the caller knows besides (a deploy with {@code --schedule}).
 */
public final class Warnings {
  private Warnings() {}

  /** The warnings for the ways {@code graph} declares it is started. */
  public static List<Warning> of(MigrationGraph graph) {
    return of(graph, Set.of());
  }

  /** The warnings for the declared ways plus {@code alsoStartedBy}. */
  public static List<Warning> of(MigrationGraph graph, Collection<Trigger> alsoStartedBy) {
    Set<Trigger> triggers = EnumSet.noneOf(Trigger.class);
    triggers.addAll(graph.startedBy());
    triggers.addAll(alsoStartedBy);
    List<Warning> out = new ArrayList<>();
    if (triggers.contains(Trigger.SCHEDULE)) {
      scheduledApprovals(graph, out);
    }
    return List.copyOf(out);
  }

  private static void scheduledApprovals(MigrationGraph graph, List<Warning> out) {
    for (Step s : graph.allWorkSteps()) {
      if (!(s instanceof ApprovalStep approval)) {
        continue;
      }
      List<Step> changes = graph.changesBefore(s.id());
      if (changes.isEmpty() || approval.onTimeout() == ApprovalTimeout.FAIL_BEFORE_CHANGE) {
        continue;
      }
      Step first = changes.getFirst();
      List<String> paused = openPauses(graph, s.id());
      String wait = approval.timeout().map(Warnings::words).orElse("its timeout");
      String compensations = String.join(", ", graph.compensableInOrder().reversed().stream()
          .filter(c -> changes.contains(c) || changes.stream().anyMatch(g -> g.branches().stream().anyMatch(b -> b.contains(c))))
          .map(c -> c.compensation().orElseThrow().id()).toList());
      out.add(new Warning("migration '" + graph.name() + "', step '" + s.id() + "'", Risk.SCHEDULED_APPROVAL_AFTER_CHANGE,
          "The migration is started by a schedule, and approval '" + s.id() + "' comes after '" + first.id() + "' ("
              + first.kind().word() + ") has changed the target. An unattended run will wait up to " + wait + " for a human"
              + (paused.isEmpty() ? "" : " with the service paused (" + String.join(", ", paused) + ")")
              + ", then on timeout end Ferry.ApprovalTimedOut"
              + (compensations.isEmpty() ? "" : " and roll back (" + compensations + ")") + ".",
          "Move the approval before '" + first.id() + "' and declare .onTimeout(ApprovalTimeout.FAIL_BEFORE_CHANGE),"
              + " or start this migration by hand (ferry start) rather than on a schedule."));
    }
  }

  /** The pauses still open when {@code stepId} runs. */
  private static List<String> openPauses(MigrationGraph graph, String stepId) {
    List<String> open = new ArrayList<>();
    for (Step s : graph.steps()) {
      if (s.id().equals(stepId) || s.branches().stream().flatMap(List::stream).anyMatch(i -> i.id().equals(stepId))) {
        break;
      }
      if (s.kind() == StepKind.PAUSE) {
        open.add(s.id());
      } else if (s.kind() == StepKind.RESUME) {
        if (s.resumes().isPresent()) {
          open.remove(s.resumes().get());
        } else {
          open.clear();
        }
      }
    }
    return open;
  }

  /** {@code 24h}, {@code 1h30m}, {@code 45m}, {@code 90s}. */
  public static String words(Duration d) {
    long h = d.toHours();
    long m = d.toMinutesPart();
    long s = d.toSecondsPart();
    StringBuilder b = new StringBuilder();
    if (h > 0) {
      b.append(h).append('h');
    }
    if (m > 0) {
      b.append(m).append('m');
    }
    if (s > 0 || b.isEmpty()) {
      b.append(s).append('s');
    }
    return b.toString();
  }
}
