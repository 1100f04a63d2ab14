package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scheduled migration whose approval comes after a change: the commands warn, naming the
 * approval, the change and the risk, and still succeed; deploy and export warn when given
 * --schedule even if the migration does not say it is scheduled.
 */
class CompileWarningsCommandTest {

  @TempDir Path dir;

  private static final String WARNING = "warning: migration 'nightly-check', step 'approve-check': a scheduled run waits"
      + " for an approval after changing the target.";

  private Path source(String className, String startedBy) throws Exception {
    return Files.writeString(dir.resolve(className + ".java"), """
        package com.acme;
        import static dev.ferry.dsl.Ref.param;
        import dev.ferry.dsl.*;
        import dev.ferry.dsl.tasks.*;
        public final class %s implements MigrationDefinition {
          @Override public dev.ferry.dsl.graph.MigrationGraph graph() {
            PauseStep pause = Step.pause("pause-writers").invoke(FerryTasks.writersPause().writers(param("writers")))
                .compensatedBy(self -> Step.resume("resume-paused-writers")
                    .invoke(FerryTasks.writersResume().paused(self.output(WritersPause.PAUSED))));
            return Migration.named("nightly-check")
                .parameter(Parameter.objectList("writers"))
                %s
                .step(pause)
                .step(Step.approval("approve-check", "Go on with the writers paused?").timeout(java.time.Duration.ofHours(2)))
                .step(Step.resume("resume-writers").invoke(FerryTasks.writersResume().paused(pause.output(WritersPause.PAUSED)))
                    .resumes(pause))
                .build();
          }
        }
        """.formatted(className, startedBy));
  }

  @Test
  void compilePlanAndValidateWarnAboutAScheduledApprovalAfterAChange() throws Exception {
    Path scheduled = source("Nightly", ".startedBy(dev.ferry.contract.Trigger.SCHEDULE)");

    CliRun compile = CliRun.of("compile", scheduled.toString(), "--out", dir.resolve("out").toString());
    assertThat(compile.exitCode()).as(compile.err()).isZero();
    assertThat(compile.err()).contains("ferry compile: " + WARNING)
        .contains("comes after 'pause-writers' (pause)", "wait up to 2h for a human with the service paused (pause-writers)",
            "roll back (resume-paused-writers)");

    CliRun plan = CliRun.of("plan", scheduled.toString());
    assertThat(plan.out()).contains(WARNING).contains("Unanswered: approval 'approve-check' times out after 2h: rolls back"
        + " (resume-paused-writers)");

    CliRun validate = CliRun.of("validate", scheduled.toString());
    assertThat(validate.exitCode()).as(validate.err()).isZero();
    assertThat(validate.out()).contains("nightly-check: valid");
    assertThat(validate.err()).contains("ferry validate: " + WARNING);
  }

  @Test
  void exportWarnsWhenGivenAScheduleEvenIfTheMigrationDoesNotDeclareOne() throws Exception {
    Path unscheduled = source("Adhoc", "");
    CliRun compile = CliRun.of("compile", unscheduled.toString(), "--out", dir.resolve("out").toString());
    assertThat(compile.exitCode()).as(compile.err()).isZero();
    assertThat(compile.err()).doesNotContain("warning");

    CliRun plain = CliRun.of("export", "cloudformation", "--migration", unscheduled.toString());
    assertThat(plain.exitCode()).as(plain.err()).isZero();
    assertThat(plain.err()).doesNotContain("warning");

    CliRun nightly = CliRun.of("export", "cloudformation", "--migration", unscheduled.toString(),
        "--schedule", "cron(0 2 * * ? *)", "--schedule-target", "orders-db",
        "--schedule-param", "writers=[{\"type\":\"lambda\",\"name\":\"orders-writer\"}]");
    assertThat(nightly.exitCode()).as(nightly.err()).isZero();
    assertThat(nightly.err()).contains("ferry export cloudformation: " + WARNING);
    assertThat(nightly.out()).contains("AWS::Scheduler::Schedule");
  }
}
