package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.asl.AslJson;
import dev.ferry.asl.AslValidator;
import dev.ferry.dsl.MigrationDefinition;
import dev.ferry.dsl.compile.Compiler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompileGraphPlanCommandTest {
  private static final List<String> SHIPPED = List.of("aurora-restore-pipeline-upgrade",
      "metaflow-service-upgrade", "pachyderm-major-migration", "postgres-schema-upgrade");

  @TempDir Path dir;

  @Test
  void compileOnePrintsTheCompilersBytes() {
    CliRun run = CliRun.of("compile", "postgres-schema-upgrade");
    assertThat(run.exitCode()).isZero();
    MigrationDefinition postgres = MigrationDefinition.discover().stream()
        .filter(d -> d.name().equals("postgres-schema-upgrade")).findFirst().orElseThrow();
    assertThat(run.out()).isEqualTo(Compiler.compile(postgres.graph()).json());
    assertThat(AslValidator.validate(AslJson.read(run.out()))).isEmpty();
  }

  @Test
  void compileAllWritesAnAslFileAndAGraphPerMigration() throws Exception {
    Path out = dir.resolve("nested/out");
    CliRun run = CliRun.of("compile", "--all", "--out", out.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    for (String name : SHIPPED) {
      assertThat(out.resolve(name + ".asl.json")).isRegularFile();
      assertThat(AslJson.read(Files.readString(out.resolve(name + ".asl.json"))).states()).isNotEmpty();
      assertThat(Files.readString(out.resolve(name + ".mmd"))).startsWith("flowchart");
      assertThat(run.out()).contains(out.resolve(name + ".asl.json").toString());
    }
  }

  @Test
  void anUnknownMigrationIsAUsageErrorListingTheKnownOnes() {
    for (String command : List.of("compile", "graph", "plan")) {
      CliRun run = CliRun.of(command, "postgres-upgrade");
      assertThat(run.exitCode()).as(command).isEqualTo(2);
      assertThat(run.err()).as(command).contains("Unknown migration 'postgres-upgrade'")
          .contains(String.join(", ", SHIPPED));
    }
  }

  @Test
  void compileNeedsAMigrationOrAll() {
    assertThat(CliRun.of("compile").exitCode()).isEqualTo(2);
    assertThat(CliRun.of("compile", "postgres-schema-upgrade", "--all").exitCode()).isEqualTo(2);
  }

  @Test
  void compileReportsAnOutputDirectoryItCannotWrite() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
    CliRun run = CliRun.of("compile", "postgres-schema-upgrade", "--out", file.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("cannot be written");
  }

  @Test
  void graphDrawsMermaidByDefaultAndDotOnRequest() {
    CliRun mermaid = CliRun.of("graph", "postgres-schema-upgrade");
    assertThat(mermaid.exitCode()).isZero();
    assertThat(mermaid.out()).startsWith("flowchart").contains("upgrade: apply-schema-migrations")
        .contains("-. fails .->");
    CliRun dot = CliRun.of("graph", "pachyderm-major-migration", "--format", "dot");
    assertThat(dot.exitCode()).isZero();
    assertThat(dot.out()).startsWith("digraph \"pachyderm-major-migration\"").contains("approve-cutover");
    assertThat(CliRun.of("graph", "postgres-schema-upgrade", "--format", "svg").exitCode()).isEqualTo(2);
  }

  @Test
  void planShowsStepsPauseWindowCompensationsAndTheCostTarget() {
    CliRun run = CliRun.of("plan", "postgres-schema-upgrade");
    assertThat(run.exitCode()).as(run.out()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines).containsSubsequence(
        "Migration postgres-schema-upgrade: 7 steps",
        "    1. guard    check-schema-version",
        "    2. pause    pause-writers",
        "    3. backup   snapshot-database   [service paused]",
        "    5. upgrade  apply-schema-migrations   [service paused]",
        "    6. verify   verify-schema   [service paused]",
        "       ---- point of no return: later failures are retried, then end Ferry.Incomplete, lock kept, nothing compensated ----",
        "    7. resume   resume-writers",
        "Already done: when check-schema-version finds upToDate is true, the run succeeds right after the lock, changing nothing",
        "Point of no return: after verify-schema (default: the last verify, or the first irreversible step)");
    assertThat(run.out()).contains(
        "Apply schema migrations fails (Ferry.MigrationFailed): compensate restore-snapshot -> resume-paused-writers");
    assertThat(run.out()).contains("Capture baseline fails (Ferry.MigrationFailed): compensate resume-paused-writers");
    assertThat(run.out()).containsOnlyOnce("Permissions that cannot be narrowed to exact resources:")
        .containsOnlyOnce(" on arn:aws:rds:<region>:<account>:snapshot:ferry-* (snapshot ids are chosen by the handler")
        .contains("ecs:UpdateService on arn:aws:ecs:<region>:<account>:service/*/* (the writers come from a parameter declaring ecs");
    assertThat(run.out()).containsPattern("happy path \\d+ of at most \\d+: met")
        .containsPattern("worst failure path \\d+ of at most \\d+: met");
  }

  @Test
  void everyShippedMigrationMeetsTheTransitionTarget() {
    for (String name : SHIPPED) {
      CliRun run = CliRun.of("plan", name);
      assertThat(run.exitCode()).as(run.out()).isZero();
      assertThat(run.out()).doesNotContain("NOT met");
    }
  }
}
