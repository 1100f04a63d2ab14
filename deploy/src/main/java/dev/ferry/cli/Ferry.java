package dev.ferry.cli;

import dev.ferry.deploy.FerryException;
import dev.ferry.dsl.MigrationValidationException;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.Model.UsageMessageSpec;

/** The {@code ferry} command: compile, inspect, rehearse and run migrations. */
@Command(
    name = "ferry",
    mixinStandardHelpOptions = true,
    // --help and --version on every subcommand too.
    scope = CommandLine.ScopeType.INHERIT,
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
      StopCommand.class,
      ApproveCommand.class,
      RejectCommand.class,
      UnlockCommand.class,
      ExportCommand.class,
      DemoCommand.class,
      RehearseCommand.class,
      InitCommand.class
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
    CommandLine cli = new CommandLine(new Ferry()).setExpandAtFiles(false);
    cli.setExecutionExceptionHandler(Ferry::report);
    cli.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, Ferry::commandList);
    return cli;
  }

  /**
   * A failure the user can act on is its message (and what to do) and an exit code, never a stack
   * trace: bad input and targets' refusals ({@link FerryException}), a migration that breaks a rule.
   */
  private static int report(Exception e, CommandLine command, CommandLine.ParseResult parsed) throws Exception {
    PrintWriter err = command.getErr();
    String name = command.getCommandSpec().qualifiedName();
    switch (e) {
      case FerryException f -> {
        err.println(name + ": " + f.getMessage());
        err.println("  " + f.hint());
        err.flush();
        return f.exitCode();
      }
      case MigrationValidationException v -> {
        err.println(name + ": " + v.getMessage());
        err.flush();
        return 1;
      }
      default -> throw e;
    }
  }

  /**
   * The subcommands with the first sentence of each description, whole: picocli's own list shows
   * the first line, which in a multi-line description stops mid-sentence.
   */
  private static String commandList(Help help) {
    Map<String, Help> subcommands = help.subcommands();
    if (subcommands.isEmpty()) {
      return "";
    }
    int nameWidth = subcommands.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
    int width = help.commandSpec().usageMessage().width();
    TextTable table = TextTable.forColumns(help.colorScheme(),
        new Column(nameWidth + 2, 2, Column.Overflow.SPAN),
        new Column(width - nameWidth - 2, 1, Column.Overflow.WRAP));
    subcommands.forEach((name, sub) -> table.addRowValues(
        help.colorScheme().commandText(name), help.colorScheme().text(firstSentence(sub))));
    return table.toString();
  }

  private static String firstSentence(Help sub) {
    UsageMessageSpec usage = sub.commandSpec().usageMessage();
    String[] lines = usage.header().length > 0 ? usage.header() : usage.description();
    String text = String.join(" ", lines).replaceAll("\\s+", " ").strip();
    int end = text.indexOf(". ");
    return end < 0 ? text : text.substring(0, end + 1);
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
    // The same reporting as the whole command: a user's mistake is a message and an exit code, not a stack trace.
    cli.setExecutionExceptionHandler(Ferry::report);
    if (only != null) {
      cli.addSubcommand(only);
    }
    return cli;
  }

  /** The root of a command line built for one subcommand: the same name, version and options as Ferry's. */
  @Command(name = "ferry", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, version = "ferry 0.1.0")
  static final class Single implements Runnable {
    @Override
    public void run() {}
  }

  public static void main(String[] args) {
    System.exit(commandLine(args.length > 0 ? args[0] : null).execute(args));
  }
}
