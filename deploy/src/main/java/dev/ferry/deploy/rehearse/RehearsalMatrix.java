package dev.ferry.deploy.rehearse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The rehearsal's matrix: a row per step, a column per fault, each cell the run's result. */
public final class RehearsalMatrix {
  private RehearsalMatrix() {}

  /** {@code pass}, {@code FAIL}, or {@code -} where the fault does not apply to the step. */
  public static List<String> of(Rehearsal.Plan plan, Rehearsal.Report report) {
    List<String> lines = new ArrayList<>();
    int width = Math.max(24, plan.steps().stream().mapToInt(s -> s.id().length()).max().orElse(0) + 1);
    StringBuilder header = new StringBuilder(pad("step \\ fault", width));
    plan.faults().forEach(f -> header.append(' ').append(pad(f.cliName(), f.cliName().length())));
    lines.add(header.toString());
    Optional<Rehearsal.Run> baseline = report.runs().stream().filter(r -> r.fault().isEmpty()).findFirst();
    lines.add(pad("(fault-free)", width) + " " + baseline.map(r -> r.passed() ? "pass" : "FAIL").orElse("-"));
    for (FaultPoint step : plan.steps()) {
      StringBuilder line = new StringBuilder(pad(step.id(), width));
      for (FaultKind fault : plan.faults()) {
        String cell = report.runs().stream()
            .filter(r -> r.step().equals(Optional.of(step.id())) && r.fault().equals(Optional.of(fault)))
            .findFirst()
            .map(r -> r.passed() ? "pass" : "FAIL")
            .orElse("-");
        line.append(' ').append(pad(cell, fault.cliName().length()));
      }
      lines.add(line.toString().stripTrailing());
    }
    return lines;
  }

  private static String pad(String text, int width) {
    return String.format("%-" + width + "s", text);
  }
}
