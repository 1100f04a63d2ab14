package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's example migration, copied into a file exactly as printed, works with {@code ferry
 * compile|plan|graph|validate FILE.java}; without its backup step it is refused with the rule.
 */
class ReadmeExampleTest {

  @TempDir Path dir;

  @Test
  void theReadmesExampleCompilesAsPrintedIntoAslThatAslValidatorAccepts() throws Exception {
    String source = readmeExample();
    Path file = writeAsItsClass(dir.resolve("as-printed"), source);

    CliRun compile = CliRun.of("compile", file.toString());
    assertThat(compile.exitCode()).as(compile.err()).isZero();
    Path asl = Files.writeString(dir.resolve("example.asl.json"), compile.out());
    assertThat(compile.out()).contains("\"StartAt\"");

    CliRun graph = CliRun.of("graph", file.toString());
    assertThat(graph.exitCode()).as(graph.err()).isZero();
    assertThat(graph.out()).startsWith("flowchart").contains("backup: ");
    CliRun plan = CliRun.of("plan", file.toString());
    assertThat(plan.err()).doesNotContain("Exception");
    assertThat(plan.out()).contains("transitions");
    CliRun validate = CliRun.of("validate", file.toString());
    assertThat(validate.exitCode()).as(validate.err()).isZero();
    assertThat(validate.out()).contains(": valid (").contains(file.toString());

    AslValidatorTool.requireOrSkip();
    JsonNode verdict = AslValidatorTool.validate(asl);
    assertThat(verdict.path("isValid").asBoolean()).as("asl-validator: %s", verdict.path("errors")).isTrue();
  }

  @Test
  void theExampleIsTheMigrationFerryInitWrites() throws Exception {
    try (var template = InitCommand.class.getResourceAsStream("init/OrdersStatusColumn.java.template")) {
      assertThat(template).as("the ferry init sample").isNotNull();
      assertThat(readmeExample().strip()).isEqualTo(new String(template.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip());
    }
  }

  @Test
  void theExampleWithoutItsBackupStepIsRefusedWithTheRuleAndTheStep() throws Exception {
    String source = readmeExample();
    Matcher backup = Pattern.compile("\\w*Step (\\w+) = Step\\.backup\\(").matcher(source);
    assertThat(backup.find()).as("the README example declares a backup step").isTrue();
    String step = ".step(" + backup.group(1) + ")";
    assertThat(source).as("the README example adds its backup step to the graph").contains(step);
    Path file = writeAsItsClass(dir.resolve("no-backup"), source.replace(step, ""));

    for (String command : new String[] {"compile", "plan", "graph", "validate"}) {
      CliRun run = CliRun.of(command, file.toString());
      assertThat(run.exitCode()).as(command).isNotZero();
      assertThat(run.err()).as(command)
          .contains("upgrade without a backup before it")
          .containsPattern("step '[a-z-]+': upgrade without a backup before it")
          .doesNotContain("\tat ").doesNotContain("Exception");
    }
  }

  /** The first java block after the walkthrough's "Write it" heading, as printed. */
  static String readmeExample() throws Exception {
    Path readme = null;
    for (Path d = Path.of("").toAbsolutePath(); d != null && readme == null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("README.md")) && Files.isDirectory(d.resolve("workflow-dsl"))) {
        readme = d.resolve("README.md");
      }
    }
    assertThat(readme).as("README.md of the repository above " + Path.of("").toAbsolutePath()).isNotNull();
    String text = Files.readString(readme);
    int heading = text.indexOf("Write it");
    assertThat(heading).as("README has a 'Write it' section").isNotNegative();
    Matcher block = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(text);
    assertThat(block.find(heading)).as("a java block after 'Write it'").isTrue();
    return block.group(1);
  }

  private static Path writeAsItsClass(Path folder, String source) throws Exception {
    Matcher name = Pattern.compile("public (?:final )?class (\\w+)").matcher(source);
    assertThat(name.find()).as("the example declares a public class").isTrue();
    Files.createDirectories(folder);
    return Files.writeString(folder.resolve(name.group(1) + ".java"), source);
  }
}
