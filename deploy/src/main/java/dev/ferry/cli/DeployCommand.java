package dev.ferry.cli;

import dev.ferry.deploy.DeployReport;
import dev.ferry.deploy.DeployRequest;
import dev.ferry.deploy.FerryException;
import dev.ferry.deploy.FunctionSpec;
import dev.ferry.deploy.MigrationTarget;
import dev.ferry.deploy.Wildcard;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "deploy", mixinStandardHelpOptions = true,
    description = "Create or update a migration on AWS: tables, task functions, role and policy, "
        + "state machine version and live alias, schedule. A second identical deploy changes nothing.")
public final class DeployCommand extends TargetCommand {

  @Mixin MachineOptions machine;
  @Mixin ScheduleOptions schedule;

  @Option(names = "--tasks-jar", paramLabel = "JAR", description = "the built tasks jar to deploy as Lambda functions")
  Path tasksJar;

  @Option(names = "--function", paramLabel = "NAME=HANDLER[,MEMORY_MB[,TIMEOUT_S]]",
      description = "a function in the tasks jar (default sizing 512 MB, 300 s)")
  List<String> functions = List.of();

  private DeployRequest request;

  @Override
  void validate() {
    request = new DeployRequest(machine.load(), Optional.ofNullable(tasksJar), functionSpecs(functions), schedule.spec());
  }

  @Override
  int run(MigrationTarget target, PrintWriter out) {
    DeployReport report = target.ensureInfrastructure(request);
    Tables.print(out, List.of("ACTION", "KIND", "NAME", "DETAIL"), report.changes().stream()
        .map(c -> List.of(c.action().name(), c.kind(), c.name(), c.detail())).toList());
    if (!report.wildcards().isEmpty()) {
      out.println();
      out.println("Permissions that could not be narrowed:");
      for (Wildcard w : report.wildcards()) {
        out.println("  " + w.action() + " on " + w.resource() + " (state " + w.state() + ": " + w.reason() + ")");
      }
    }
    out.println(report.changedAnything() ? "deployed" : "up to date: nothing changed");
    out.flush();
    return 0;
  }

  static List<FunctionSpec> functionSpecs(List<String> specs) {
    List<FunctionSpec> parsed = new ArrayList<>();
    for (String spec : specs) {
      int eq = spec.indexOf('=');
      if (eq < 1) {
        throw FerryException.badInput("--function '" + spec + "' is not NAME=HANDLER[,MEMORY_MB[,TIMEOUT_S]]",
            "write e.g. --function ferry-http-check=dev.ferry.tasks.HttpCheck::handleRequest,512,60");
      }
      String[] parts = spec.substring(eq + 1).split(",");
      try {
        parsed.add(new FunctionSpec(spec.substring(0, eq), parts[0],
            parts.length > 1 ? Integer.parseInt(parts[1].trim()) : 512,
            parts.length > 2 ? Integer.parseInt(parts[2].trim()) : 300));
      } catch (IllegalArgumentException e) {
        throw FerryException.badInput("--function '" + spec + "': " + e.getMessage(),
            "memory is 128-10240 MB and timeout 1-900 s");
      }
    }
    return parsed;
  }
}
