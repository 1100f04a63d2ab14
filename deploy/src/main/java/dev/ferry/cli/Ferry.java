package dev.ferry.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ferry} command: compile, inspect, rehearse and run migrations. */
@Command(
    name = "ferry",
    mixinStandardHelpOptions = true,
    version = "ferry 0.1.0",
    description = "Compile migration runbooks to AWS Step Functions and run them, on AWS or locally.")
public final class Ferry implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** The subcommands, in the order help lists them. */
  static final List<Class<?>> SUBCOMMANDS =
      List.of(
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
          RehearseCommand.class);

  /** The command line as {@code main} runs it, with every subcommand; tests use it too. */
  public static CommandLine commandLine() {
    return commandLine(null);
  }

  /**
   * The command line for arguments starting with {@code first}: when that names a subcommand only
   * that one is built, as building all of them (picocli reads each one's annotations) costs a
   * tenth of a second of start-up; {@code --version} needs none; otherwise (no subcommand,
   * {@code help}, {@code --help}, a typo) all of them.
   */
  static CommandLine commandLine(String first) {
    // `--input @file.json` names a file to read, not a picocli argument file.
    CommandLine cli = new CommandLine(new Ferry()).setExpandAtFiles(false);
    Class<?> only = null;
    for (Class<?> c : SUBCOMMANDS) {
      if (c != CommandLine.HelpCommand.class && c.getAnnotation(Command.class).name().equals(first)) {
        only = c;
      }
    }
    boolean versionOnly = "--version".equals(first) || "-V".equals(first);
    for (Class<?> c : versionOnly ? List.<Class<?>>of() : only != null ? List.<Class<?>>of(only) : SUBCOMMANDS) {
      cli.addSubcommand(c);
    }
    return cli;
  }

  public static void main(String[] args) {
    System.exit(commandLine(args.length > 0 ? args[0] : null).execute(args));
  }
}
