package dev.ferry.cli;

import dev.ferry.deploy.MigrationTarget;
import dev.ferry.deploy.ProgressStore;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "unlock", mixinStandardHelpOptions = true,
    description = "Clear a target's kept lock (after ROLLBACK_FAILED, or when its holder no longer runs). "
        + "Writes an audit row naming who and why.")
public final class UnlockCommand extends TargetCommand {

  @Parameters(index = "0", paramLabel = "TARGET")
  String target;

  @Option(names = "--reason", paramLabel = "TEXT", required = true, description = "why the lock may be cleared")
  String reason;

  @Option(names = "--by", paramLabel = "NAME", description = "who clears it (default: your AWS identity)")
  String by;

  @Override
  int run(MigrationTarget aws, PrintWriter out) {
    ProgressStore.Unlocked unlocked = aws.unlock(target, who(by, aws), reason);
    out.println("unlocked " + target + " (was held by " + unlocked.holder() + ", status " + unlocked.previousStatus() + ")");
    out.println("audit row: " + unlocked.auditRow().entry());
    out.flush();
    return 0;
  }
}
