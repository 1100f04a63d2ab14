package dev.ferry.cli;

import dev.ferry.deploy.ExecutionInfo;
import dev.ferry.deploy.FailureReport;
import dev.ferry.deploy.Progress;
import dev.ferry.deploy.RunStatus;
import dev.ferry.deploy.StuckLock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Renders a {@link RunStatus}: the facts, and a progress bar when the output is a terminal. */
final class StatusView {

  static final int BAR_WIDTH = 30;

  private StatusView() {}

  static List<String> lines(RunStatus status, Instant now, boolean terminal) {
    return lines(status, Optional.empty(), "", now, terminal);
  }

  /** @param targetFlags what names the target in the commands it suggests ({@code " --local"}, or nothing on AWS) */
  static List<String> lines(RunStatus status, Optional<StuckLock> stuck, String targetFlags, Instant now, boolean terminal) {
    Progress p = status.progress();
    List<String> lines = new ArrayList<>();
    lines.add("target     " + p.target());
    lines.add("migration  " + p.migration());
    lines.add("status     " + p.status() + status.execution().map(e -> " (execution " + e.status() + ")").orElse(""));
    lines.add("execution  " + (p.execution().isEmpty() ? "-" : p.execution()));
    lines.add("step       " + p.stepIndex() + "/" + p.stepCount() + " " + p.currentStep());
    lines.add("done       " + p.stepsDone() + " of " + p.stepCount() + " steps");
    lines.add("elapsed    " + format(status.elapsed(now)));
    p.lockHolder().ifPresent(h -> lines.add("lock       held by " + h));
    stuck.ifPresent(l -> lines.add("recover    " + l.message() + "; " + l.hint(targetFlags)));
    if (!p.leftUndone().isEmpty()) {
      lines.add("undone     " + String.join(", ", p.leftUndone()) + " (after the point of no return: nothing was compensated;"
          + " finish them, then ferry unlock " + p.target() + " --reason ...)");
    }
    p.pendingApproval().ifPresent(a -> lines.add(
        "approval   step " + a.step() + " waits since " + a.requestedAt() + ": " + a.message()
            + " (ferry approve|reject " + p.target() + targetFlags + ")"));
    p.backfill().ifPresent(b -> lines.add("backfill   " + b.table() + ": " + b.rowsDone() + " of ~" + b.estimatedTotal()
        + " rows" + (b.estimatedTotal() > 0 ? " (" + Math.min(100, b.rowsDone() * 100 / b.estimatedTotal()) + "%)" : "")
        + (b.done() ? ", done" : "") + " at " + b.updatedAt()));
    status.execution().flatMap(ExecutionInfo::error).ifPresent(e -> lines.add(
        "error      " + e + status.execution().flatMap(ExecutionInfo::cause).map(c -> ": " + FailureReport.readable(c)).orElse("")));
    if (terminal) {
      lines.add(bar(p.stepsDone(), p.stepCount()));
    }
    return lines;
  }

  static String bar(int done, int total) {
    int filled = total == 0 ? 0 : Math.min(BAR_WIDTH, done * BAR_WIDTH / total);
    int percent = total == 0 ? 0 : done * 100 / total;
    return "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "] " + percent + "%";
  }

  static String format(Duration d) {
    long s = d.toSeconds();
    return s >= 3600 ? "%dh %02dm %02ds".formatted(s / 3600, s % 3600 / 60, s % 60)
        : s >= 60 ? "%dm %02ds".formatted(s / 60, s % 60) : s + "s";
  }
}
