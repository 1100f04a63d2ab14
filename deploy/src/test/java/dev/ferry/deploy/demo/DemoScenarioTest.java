package dev.ferry.deploy.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.deploy.AuditRow;
import dev.ferry.deploy.local.LocalSettings;
import dev.ferry.deploy.local.LocalTarget;
import dev.ferry.engine.ExecutionStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The {@code ferry demo} scenario in-process, on the real local parts. */
class DemoScenarioTest {

  @Test
  void upgradesThenRollsBackAFailedUpgradeWithoutLosingAnAcknowledgedInsert() throws Exception {
    StringWriter narration = new StringWriter();
    DemoScenario.Report report;
    try (LocalTarget local = LocalTarget.open(LocalSettings.temporary())) {
      report = DemoScenario.run(local, new PrintWriter(narration));
    }

    assertThat(report.checks()).as(narration.toString()).allSatisfy(c -> assertThat(c.ok()).as(c.name() + ": " + c.detail()).isTrue());
    assertThat(report.passed()).isTrue();
    assertThat(report.checks()).extracting(DemoScenario.Check::name).contains(
        "run 1 succeeded", "run 2 failed and rolled back", "run 2 upgraded to V3 before verify failed",
        "rollback restored V2", "writer resumed after the rollback", "every acknowledged insert present", "row counts");
    assertThat(report.firstRun().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(report.secondRun().status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(report.secondRun().cause()).contains("Ferry.VerificationFailed");
    assertThat(report.audit()).extracting(AuditRow::step).contains("verify-schema", "apply-schema-migrations");
    assertThat(narration.toString()).contains("run 1: upgrade orders-db to V2", "[5/7] apply-schema-migrations", "[7/7] resume-writers");
  }
}
