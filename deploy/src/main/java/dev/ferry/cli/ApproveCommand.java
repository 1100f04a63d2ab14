package dev.ferry.cli;

import dev.ferry.deploy.MigrationTarget;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "approve", mixinStandardHelpOptions = true,
    description = "Approve the step a target's run is waiting on.")
public final class ApproveCommand extends TargetCommand {

  @Parameters(index = "0", paramLabel = "TARGET")
  String target;

  @Option(names = "--comment", paramLabel = "TEXT", defaultValue = "", description = "recorded with the approval in the audit trail and the execution history")
  String comment;

  @Option(names = "--by", paramLabel = "NAME", description = "who approves (default: your AWS identity)")
  String by;

  @Override
  int run(MigrationTarget aws, PrintWriter out) {
    String step = aws.approve(target, who(by, aws), comment);
    out.println("approved step " + step + " on " + target);
    out.flush();
    return 0;
  }
}
