package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListAndValidateCommandTest {

  @TempDir Path dir;

  @Test
  void listShowsEveryShippedMigrationWithItsStepCount() {
    CliRun run = CliRun.of("list");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out().lines().map(l -> l.split("\\s+")[0]))
        .containsExactly("aurora-restore-pipeline-upgrade", "metaflow-service-upgrade",
            "pachyderm-major-migration", "postgres-schema-upgrade");
    assertThat(run.out()).containsPattern("postgres-schema-upgrade\\s+7 steps\\s+shipped\\s+Pause writers, snapshot the database");
  }

  @Test
  void validateAcceptsAWellFormedMachine() throws Exception {
    Path file = write("ok.asl.json", """
        {"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}""");
    CliRun run = CliRun.of("validate", file.toString());
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains(file + ": valid");
  }

  @Test
  void validateNamesTheFileAndTheStateWhoseTransitionGoesNowhere() throws Exception {
    Path file = write("broken.asl.json", """
        {"StartAt": "Work", "States": {"Work": {"Type": "Pass", "Next": "Nowhere"}}}""");
    CliRun run = CliRun.of("validate", file.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains(file.toString()).contains("\"Work\"").contains("Nowhere");
  }

  @Test
  void validateReportsJsonThatIsNotAsl() throws Exception {
    Path file = write("bad.asl.json", "{\"StartAt\": \"A\"");
    CliRun run = CliRun.of("validate", file.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith(file + ": ").contains("not valid JSON");
  }

  @Test
  void validateReportsAMissingFile() {
    CliRun run = CliRun.of("validate", dir.resolve("absent.asl.json").toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("absent.asl.json: cannot be read");
  }

  private Path write(String name, String json) throws Exception {
    return Files.writeString(dir.resolve(name), json);
  }
}
