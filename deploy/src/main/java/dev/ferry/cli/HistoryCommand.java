package dev.ferry.cli;

import dev.ferry.deploy.HistoryEvent;
import dev.ferry.deploy.MigrationTarget;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "history", mixinStandardHelpOptions = true,
    description = "Print an execution's history events (all pages).")
public final class HistoryCommand extends TargetCommand {

  @Parameters(index = "0", paramLabel = "TARGET|EXECUTION_ARN",
      description = "an execution ARN, or a target for its latest execution")
  String ref;

  @Override
  int run(MigrationTarget aws, PrintWriter out) {
    List<HistoryEvent> events = aws.history(ref);
    Tables.print(out, List.of("ID", "AT", "TYPE", "DETAIL"), events.stream()
        .map(e -> List.of(Long.toString(e.id()), e.at().toString(), e.type(), e.detail())).toList());
    out.println(events.size() + " events");
    out.flush();
    return 0;
  }
}
