package dev.ferry.cli;

import dev.ferry.deploy.FerryException;
import dev.ferry.deploy.MigrationTarget;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "reject", mixinStandardHelpOptions = true,
    description = "Refuse the step a target's run is waiting on; the run compensates and fails with Ferry.Rejected.")
public final class RejectCommand extends TargetCommand {

  @Parameters(index = "0", paramLabel = "TARGET")
  String target;

  @Option(names = {"--reason", "--comment"}, paramLabel = "TEXT", required = true,
      description = "why; recorded in the audit trail and the failure's cause")
  String reason;

  @Option(names = "--by", paramLabel = "NAME", description = "who rejects (default: your AWS identity)")
  String by;

  @Override
  int run(MigrationTarget aws, PrintWriter out) {
    if (reason.isBlank()) {
      throw FerryException.badInput("--reason is empty", "say why the step is refused");
    }
    String step = aws.reject(target, who(by, aws), reason);
    out.println("rejected step " + step + " on " + target);
    out.flush();
    return 0;
  }
}
