package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HelpTest {

  @Test
  void everySubcommandAnswersHelpWithItsUsage() {
    List<String> commands = new ArrayList<>();
    collect(Ferry.commandLine(), List.of(), commands);
    assertThat(commands).contains("compile", "start", "init", "export cloudformation", "rehearse", "list");
    for (String command : commands) {
      List<String> args = new ArrayList<>(List.of(command.split(" ")));
      args.add("--help");
      CliRun run = CliRun.of(args.toArray(String[]::new));
      assertThat(run.exitCode()).as(command + " --help: " + run.err()).isZero();
      assertThat(run.out()).as(command).startsWith("Usage: ferry " + command);
      assertThat(run.err()).as(command).doesNotContain("Unknown option");
      // A value's label reads as what to write (TABLE, NAME), not as the Java field behind it.
      assertThat(run.out()).as(command + ": an option without a paramLabel").doesNotContainPattern("=<[a-z][A-Za-z]*>");
    }
  }

  @Test
  void theTopLevelHelpGivesEachCommandsFirstSentenceWhole() {
    String help = CliRun.of("--help").out();
    String commands = help.substring(help.indexOf("Commands:"));
    // Each entry joined across its wrapped lines ends a sentence.
    List<String> entries = new ArrayList<>();
    for (String line : commands.lines().skip(1).toList()) {
      if (line.startsWith("  ") && !line.startsWith("   ")) {
        entries.add(line.strip());
      } else if (!entries.isEmpty()) {
        entries.set(entries.size() - 1, entries.getLast() + " " + line.strip());
      }
    }
    assertThat(entries).hasSizeGreaterThan(15);
    assertThat(entries).allSatisfy(e -> assertThat(e).endsWith("."));
    assertThat(entries).anySatisfy(e -> assertThat(e).startsWith("exec").contains("print one JSON line: {"));
  }

  private static void collect(CommandLine cli, List<String> prefix, List<String> into) {
    cli.getSubcommands().forEach((name, sub) -> {
      if (name.equals("help")) {
        return;
      }
      List<String> path = new ArrayList<>(prefix);
      path.add(name);
      into.add(String.join(" ", path));
      collect(sub, path, into);
    });
  }
}
