package dev.ferry.cli;

import dev.ferry.deploy.CompiledMachine;
import dev.ferry.deploy.FerryException;
import dev.ferry.deploy.ScheduleSpec;
import dev.ferry.deploy.TableNames;
import dev.ferry.deploy.cloudformation.CloudFormationTemplate;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "cloudformation", mixinStandardHelpOptions = true,
    description = "Write a CloudFormation template: state machine, version and live alias, tables, role and "
        + "derived policy, and the schedule when one is given. Same input, same bytes.")
public final class ExportCloudFormationCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin MachineOptions machine;
  @Mixin ScheduleOptions schedule;

  @Option(names = "--progress-table", paramLabel = "TABLE", defaultValue = "FerryProgress")
  String progressTable;

  @Option(names = "--audit-table", paramLabel = "TABLE", defaultValue = "FerryAudit")
  String auditTable;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write here instead of stdout")
  Path output;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      TableNames tables = new TableNames(progressTable, auditTable);
      CompiledMachine compiled = machine.load(tables);
      Optional<ScheduleSpec> scheduled = schedule.spec(compiled.migration(), machine.declaredParameters());
      CompileWarnings.print(spec.commandLine().getErr(), "export cloudformation", machine.warnings(scheduled.isPresent()));
      String template = CloudFormationTemplate.render(CloudFormationTemplate.build(compiled, tables, scheduled));
      if (output == null) {
        out.print(template);
        out.flush();
      } else {
        Files.writeString(output, template);
        out.println("wrote " + output);
        out.flush();
      }
      return 0;
    } catch (FerryException e) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("ferry export cloudformation: " + e.getMessage());
      err.println("  " + e.hint());
      err.flush();
      return e.exitCode();
    } catch (IOException e) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("ferry export cloudformation: cannot write " + output + ": " + e.getMessage());
      err.println("  check the directory exists and is writable");
      err.flush();
      return FerryException.USAGE;
    }
  }
}
