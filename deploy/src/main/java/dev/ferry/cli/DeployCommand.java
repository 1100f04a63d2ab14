package dev.ferry.cli;

import dev.ferry.deploy.CompiledMachine;
import dev.ferry.deploy.DeployReport;
import dev.ferry.deploy.DeployRequest;
import dev.ferry.deploy.FerryException;
import dev.ferry.deploy.FunctionSpec;
import dev.ferry.deploy.MigrationTarget;
import dev.ferry.deploy.TaskFunctions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "deploy", mixinStandardHelpOptions = true,
    description = "Create or update a migration on AWS: tables, task functions, role and policy, "
        + "state machine version and live alias, the rule recording runs that end unrecorded, schedule. A second identical deploy changes nothing.")
public final class DeployCommand extends TargetCommand {

  @Mixin MachineOptions machine;
  @Mixin ScheduleOptions schedule;

  @Option(names = "--tasks-jar", paramLabel = "JAR",
      description = "the tasks Lambda jar to deploy the functions from (default: tasks/target/tasks-*-lambda.jar of the build)")
  Path tasksJar;

  private DeployRequest request;

  @Override
  void validate() {
    CompiledMachine compiled = machine.load(aws.tables());
    List<FunctionSpec> functions = TaskFunctions.deployedFor(compiled);
    Optional<Path> jar = Optional.ofNullable(tasksJar).or(() -> TaskFunctions.builtJar(Path.of("")));
    if (jar.isEmpty()) {
      throw FerryException.badInput("no tasks jar: the deploy of " + compiled.migration() + " puts up " + functions.size()
              + " task functions (the ones it calls and ferry-execution-ended) and " + Path.of("tasks", "target").toAbsolutePath()
              + " holds no tasks-*-lambda.jar (the default looks under the current directory)",
          "run ferry deploy from Ferry's checkout after ./build package, or pass --tasks-jar FERRY_CHECKOUT/tasks/target/tasks-*-lambda.jar");
    }
    if (jar.isPresent() && !Files.isRegularFile(jar.get())) {
      throw FerryException.badInput("--tasks-jar " + jar.get() + " does not exist", "build it with ./build package, or fix the path");
    }
    request = new DeployRequest(compiled, jar, functions, schedule.spec(compiled.migration(), machine.declaredParameters()));
    CompileWarnings.print(spec.commandLine().getErr(), spec.name(), machine.warnings(request.schedule().isPresent()));
  }

  @Override
  int run(MigrationTarget target, PrintWriter out) {
    DeployReport report = target.ensureInfrastructure(request);
    Tables.print(out, List.of("ACTION", "KIND", "NAME", "DETAIL"), report.changes().stream()
        .map(c -> List.of(c.action().name(), c.kind(), c.name(), c.detail())).toList());
    if (!report.wildcards().isEmpty()) {
      out.println();
      out.println(PlanCommand.WILDCARDS_HEADING);
      report.wildcards().forEach(w -> out.println("  " + w.describe()));
    }
    out.println(report.changedAnything() ? "deployed" : "up to date: nothing changed");
    report.liveAliasArn().ifPresent(alias -> out.println("start runs with StartExecution on " + alias));
    out.flush();
    return 0;
  }
}
