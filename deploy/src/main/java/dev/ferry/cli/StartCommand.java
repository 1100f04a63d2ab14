package dev.ferry.cli;

import dev.ferry.deploy.InputDocument;
import dev.ferry.deploy.MigrationTarget;
import dev.ferry.deploy.StartRequest;
import dev.ferry.deploy.StartedExecution;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "start", mixinStandardHelpOptions = true,
    description = "Start a migration on a target through its live alias. The execution name is derived "
        + "from the request, so the same request twice returns the run it already started.")
public final class StartCommand extends TargetCommand {

  @Parameters(index = "0", paramLabel = "TARGET", description = "what to migrate, e.g. orders-db")
  String target;

  @Option(names = "--migration", required = true, description = "the deployed migration's name")
  String migration;

  @Option(names = "--param", paramLabel = "NAME=VALUE", description = "a migration parameter (JSON values keep their type)")
  List<String> parameters = List.of();

  @Option(names = "--request-id", paramLabel = "ID",
      description = "names this request (a ticket, a date); default: the input itself")
  String requestId;

  @Option(names = "--requested-by", description = "who asks (default: your AWS identity)")
  String requestedBy;

  @Override
  void validate() {
    InputDocument.requireTarget(target);
    InputDocument.parameters(parameters);
  }

  @Override
  int run(MigrationTarget aws, PrintWriter out) {
    InputDocument input = new InputDocument(target, who(requestedBy, aws), "api", InputDocument.parameters(parameters));
    StartedExecution started = aws.start(new StartRequest(migration, input, Optional.ofNullable(requestId)));
    out.println((started.alreadyStarted() ? "already started: " : "started: ") + started.executionId());
    out.println("follow it with: ferry status " + target + " --watch");
    out.flush();
    return 0;
  }
}
