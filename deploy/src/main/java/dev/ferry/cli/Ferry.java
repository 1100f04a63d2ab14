package dev.ferry.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ferry} command: compile, inspect, rehearse and run migrations. */
@Command(
    name = "ferry",
    mixinStandardHelpOptions = true,
    version = "ferry 0.1.0",
    description = "Compile migration runbooks to AWS Step Functions and run them, on AWS or locally.",
    subcommands = {
      CommandLine.HelpCommand.class,
      ListCommand.class,
      CompileCommand.class,
      GraphCommand.class,
      PlanCommand.class,
      ValidateCommand.class,
      ExecCommand.class,
      DeployCommand.class,
      StartCommand.class,
      StatusCommand.class,
      AuditCommand.class,
      HistoryCommand.class,
      RedriveCommand.class,
      ApproveCommand.class,
      RejectCommand.class,
      UnlockCommand.class,
      ExportCommand.class,
      DemoCommand.class,
      RehearseCommand.class
    })
public final class Ferry implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** The command line as {@code main} runs it; tests use it too. */
  public static CommandLine commandLine() {
    // `--input @file.json` names a file to read, not a picocli argument file.
    return new CommandLine(new Ferry()).setExpandAtFiles(false);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
