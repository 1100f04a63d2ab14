package dev.ferry.cli;

import dev.ferry.deploy.AuditRow;
import dev.ferry.deploy.FailureReport;
import dev.ferry.deploy.MigrationTarget;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "audit", mixinStandardHelpOptions = true,
    description = "Print a target's audit trail as a table, oldest first.")
public final class AuditCommand extends TargetCommand {

  @Parameters(index = "0", paramLabel = "TARGET")
  String target;

  @Option(names = "--execution", paramLabel = "NAME", description = "only the rows of this execution")
  String execution;

  @Override
  int run(MigrationTarget aws, PrintWriter out) {
    List<AuditRow> rows = aws.audit(target, Optional.ofNullable(execution));
    print(out, rows);
    out.flush();
    return 0;
  }

  static void print(PrintWriter out, List<AuditRow> rows) {
    if (rows.isEmpty()) {
      out.println("no audit rows");
      return;
    }
    Tables.print(out, List.of("AT", "EXECUTION", "STEP", "KIND", "PHASE", "REQUESTED BY", "TRIGGER", "DETAIL"),
        rows.stream().map(r -> List.of(r.at(), r.entry().split("#", 2)[0], r.step(), r.kind(), r.phase(),
            r.requestedBy(), r.trigger(), detail(r))).toList());
  }

  /** The row's error and its cause as sentences, without stack traces. */
  static String detail(AuditRow r) {
    String cause = FailureReport.readable(r.cause());
    if (r.error().isEmpty() || cause.startsWith(r.error() + ":")) {
      return cause;
    }
    return cause.isEmpty() ? r.error() : r.error() + ": " + cause;
  }
}
