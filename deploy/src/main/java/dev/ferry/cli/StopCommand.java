package dev.ferry.cli;

import dev.ferry.deploy.ExecutionInfo;
import dev.ferry.deploy.MigrationTarget;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "stop", mixinStandardHelpOptions = true,
    description = "Stop a running execution (StopExecution on AWS) with Ferry.Stopped and your reason. "
        + "The run is recorded as ABANDONED at the step it was on and keeps the lock: "
        + "ferry redrive continues it, ferry unlock --reason clears it.")
public final class StopCommand extends TargetCommand {

  @Parameters(index = "0", paramLabel = "TARGET|EXECUTION")
  String ref;

  @Option(names = "--reason", paramLabel = "TEXT", required = true, description = "why the run is stopped (kept in the audit row)")
  String reason;

  @Option(names = "--by", paramLabel = "NAME", description = "who stops it (default: your AWS identity)")
  String by;

  @Override
  int run(MigrationTarget target, PrintWriter out) {
    ExecutionInfo stopped = target.stop(ref, who(by, target), reason);
    out.println("stopped: " + stopped.id() + " (" + stopped.status() + ")");
    out.println("it keeps the lock; see where it stopped with: ferry status <target>");
    out.flush();
    return 0;
  }
}
