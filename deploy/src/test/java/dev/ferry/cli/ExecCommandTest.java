package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ferry exec}: one execution, many with --repeat, and the command line built for one subcommand. */
class ExecCommandTest {
  @TempDir Path dir;

  private static final String COUNTER = """
      {"StartAt":"Check","States":{"Check":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThan":1,"Next":"Big"}],"Default":"Small"},
        "Big":{"Type":"Pass","Result":"big","ResultPath":"$.size","End":true},
        "Small":{"Type":"Fail","Error":"Too.Small","Cause":"n must be more than 1"}}}
      """;

  /** As {@code main} runs it: only the named subcommand is built. */
  private static CliRun run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Ferry.commandLine(args[0]);
    assertThat(cli.getSubcommands()).containsOnlyKeys(args[0]);
    int code = cli.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  @Test
  void repeatRunsTheExecutionManyTimesAndPrintsTheLast() throws Exception {
    Path definition = Files.writeString(dir.resolve("counter.asl.json"), COUNTER);
    CliRun ok = run("exec", "--definition", definition.toString(), "--input", "{\"n\":2}", "--repeat", "50");
    assertThat(ok.exitCode()).isZero();
    assertThat(ok.out().strip()).isEqualTo("{\"status\":\"SUCCEEDED\",\"output\":{\"n\":2,\"size\":\"big\"}}");

    CliRun failed = run("exec", "--definition", definition.toString(), "--input", "{\"n\":1}", "--repeat", "3");
    assertThat(failed.exitCode()).isEqualTo(1);
    assertThat(failed.out()).contains("\"error\":\"Too.Small\"");

    CliRun zero = run("exec", "--definition", definition.toString(), "--repeat", "0");
    assertThat(zero.exitCode()).isEqualTo(2);
    assertThat(zero.err()).contains("--repeat must be 1 or more, got 0.");
  }

  @Test
  void versionNeedsNoSubcommandAndHelpListsThemAll() {
    assertThat(Ferry.commandLine("--version").getSubcommands()).isEmpty();
    assertThat(Ferry.commandLine("help").getSubcommands()).containsKeys("exec", "list", "plan", "compile", "rehearse");
    assertThat(Ferry.commandLine(null).getSubcommands()).hasSize(Ferry.class.getAnnotation(CommandLine.Command.class).subcommands().length);
  }
}
