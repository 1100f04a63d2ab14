package dev.ferry.cli;

import dev.ferry.deploy.MigrationTarget;
import dev.ferry.deploy.RunStatus;
import dev.ferry.deploy.StuckLock;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show a target's live progress: steps done, current step, elapsed time. "
        + "Exits 1 when the latest execution ended other than SUCCEEDED.")
public final class StatusCommand extends TargetCommand {

  @Parameters(index = "0", paramLabel = "TARGET")
  String target;

  @Option(names = "--watch", description = "poll until the run ends")
  boolean watch;

  @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "5", description = "seconds between polls with --watch (default ${DEFAULT-VALUE})")
  int intervalSeconds;

  /** Whether stdout is a terminal; tests set it. */
  Boolean terminal;

  @Override
  int run(MigrationTarget aws, PrintWriter out) {
    boolean tty = terminal != null ? terminal : Terminal.isInteractive();
    RunStatus status = aws.status(target);
    StatusView.lines(status, StuckLock.of(status, aws), local.flags(), Instant.now(), tty).forEach(out::println);
    out.flush();
    String lastStep = status.progress().currentStep() + status.progress().status();
    while (watch && !status.isTerminal()) {
      pause(Duration.ofSeconds(Math.max(1, intervalSeconds)));
      status = aws.status(target);
      String step = status.progress().currentStep() + status.progress().status();
      String line = StatusView.bar(status.progress().stepsDone(), status.progress().stepCount())
          + " " + status.progress().stepIndex() + "/" + status.progress().stepCount()
          + " " + status.progress().currentStep() + " " + status.progress().status()
          + " " + StatusView.format(status.elapsed(Instant.now()));
      if (tty) {
        out.print("\r" + line + "   ");
      } else if (!step.equals(lastStep)) {
        out.println(line);
      }
      out.flush();
      lastStep = step;
    }
    if (watch && tty) {
      out.println();
    }
    if (watch) {
      out.println("ended: " + status.execution().map(e -> e.status()).orElse(status.progress().status()));
      out.flush();
    }
    return status.execution().map(e -> e.status().equals("SUCCEEDED") || !e.isTerminal() ? 0 : 1).orElse(0);
  }

  private static void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
