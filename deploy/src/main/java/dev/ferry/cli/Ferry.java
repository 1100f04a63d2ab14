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

  /** The whole command line, every subcommand built; tests use it too. */
  public static CommandLine commandLine() {
    // `--input @file.json` names a file to read, not a picocli argument file.
    return new CommandLine(new Ferry()).setExpandAtFiles(false);
  }

  /**
   * The command line for arguments starting with {@code first}: when that names a subcommand, a
   * root with only that one, as building all of them (picocli reads each one's annotations) costs
   * a tenth of a second of start-up; {@code --version} needs none; otherwise (no subcommand,
   * {@code help}, {@code --help}, a typo) the whole command.
   */
  static CommandLine commandLine(String first) {
    boolean versionOnly = "--version".equals(first) || "-V".equals(first);
    Class<?> only = null;
    for (Class<?> c : Ferry.class.getAnnotation(Command.class).subcommands()) {
      if (c != CommandLine.HelpCommand.class && c.getAnnotation(Command.class).name().equals(first)) {
        only = c;
      }
    }
    if (only == null && !versionOnly) {
      return commandLine();
    }
    CommandLine cli = new CommandLine(new Single()).setExpandAtFiles(false);
    if (only != null) {
      cli.addSubcommand(only);
    }
    return cli;
  }

  /** The root of a command line built for one subcommand: the same name, version and options as Ferry's. */
  @Command(name = "ferry", mixinStandardHelpOptions = true, version = "ferry 0.1.0")
  static final class Single implements Runnable {
    @Override
    public void run() {}
  }

  public static void main(String[] args) {
    System.exit(commandLine(args.length > 0 ? args[0] : null).execute(args));
  }
}
