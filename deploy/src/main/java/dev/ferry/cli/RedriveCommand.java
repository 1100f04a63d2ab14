package dev.ferry.cli;

import dev.ferry.deploy.ExecutionInfo;
import dev.ferry.deploy.MigrationTarget;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "redrive", mixinStandardHelpOptions = true,
    description = "Restart a failed execution from the state that failed.")
public final class RedriveCommand extends TargetCommand {

  @Parameters(index = "0", paramLabel = "TARGET|EXECUTION_ARN")
  String ref;

  @Override
  int run(MigrationTarget aws, PrintWriter out) {
    ExecutionInfo execution = aws.redrive(ref);
    out.println("redriven: " + execution.id() + " (" + execution.status() + ")");
    out.flush();
    return 0;
  }
}
