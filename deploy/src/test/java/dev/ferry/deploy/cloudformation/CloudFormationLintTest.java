package dev.ferry.deploy.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ferry.deploy.InputDocument;
import dev.ferry.deploy.Machines;
import dev.ferry.deploy.ScheduleSpec;
import dev.ferry.deploy.TableNames;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cross-checks the exported template with AWS's independent linter, cfn-lint, when it is installed. */
class CloudFormationLintTest {

  static Optional<Path> cfnLint() {
    return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .map(dir -> Path.of(dir, "cfn-lint"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  @Test
  void exportedTemplatePassesCfnLint(@TempDir Path dir) throws Exception {
    Optional<Path> lint = cfnLint();
    assumeTrue(lint.isPresent(), "cfn-lint is not on PATH (pip install cfn-lint to run this cross-check)");
    ScheduleSpec schedule = new ScheduleSpec("cron(0 3 ? * SUN *)", "Europe/Paris",
        new InputDocument("orders-db", "ops", "api", InputDocument.parameters(List.of("targetVersion=\"3\""))),
        3, 3600, Optional.of("arn:aws:sqs:eu-west-1:123456789012:ferry-dead-letters"));
    Path template = dir.resolve("template.json");
    Files.writeString(template, CloudFormationTemplate.render(
        CloudFormationTemplate.build(Machines.schemaUpgrade(), TableNames.DEFAULT, Optional.of(schedule))));

    Process process = new ProcessBuilder(lint.get().toString(), template.toString()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("cfn-lint finished").isTrue();

    assertThat(output).as("cfn-lint findings").isEmpty();
    assertThat(process.exitValue()).isZero();
  }
}
