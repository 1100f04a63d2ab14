package dev.ferry.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FailureReportTest {

  /** What the compiled machine's Fail state says when a Lambda task threw, as a run recorded it. */
  private static final String MIGRATION_FAILED = """
      {"step":"pause-writers","kind":"pause","expects":"","failure":{"Error":"Ferry.InvalidInput","Cause":\
      "{\\"errorMessage\\":\\"writers: required list is missing or empty; pass at least one entry\\",\
      \\"errorType\\":\\"Ferry.InvalidInput\\",\\"stackTrace\\":[\\"dev.ferry.tasks.Fields.nonEmpty(Fields.java:24)\\",\
      \\"java.base/java.lang.VirtualThread.run(VirtualThread.java:460)\\"]}","at":{"ferryError":"Ferry.MigrationFailed"}}}""";

  @Test
  void aFailedStepReadsAsSentencesWithoutTheStackTrace() {
    List<String> lines = FailureReport.describe("Ferry.MigrationFailed", MIGRATION_FAILED, List.of(
        row("pause-writers", "STARTED"), row("pause-writers", "FAILED"), row("run", "FAILED")));
    assertThat(lines).containsExactly(
        "Step pause-writers (pause) failed: Ferry.InvalidInput: writers: required list is missing or empty; pass at least one entry.",
        "Nothing was undone: no step that has a compensation had completed.");
    assertThat(String.join("\n", lines)).doesNotContain("stackTrace").doesNotContain("Fields.java");
  }

  @Test
  void anExpectationAndTheStepsUndoneAreNamed() {
    String cause = """
        {"step":"verify-schema","kind":"verify","expects":"ok is true","failure":{"Error":"Ferry.ExpectationFailed",\
        "Cause":"verify-schema: expected ok is true"}}""";
    List<String> lines = FailureReport.describe("Ferry.ExpectationFailed", cause, List.of(
        row("apply-sql", "SUCCEEDED"), row("verify-schema", "FAILED"), row("apply-sql", "COMPENSATED"),
        row("pause-writers", "COMPENSATED")));
    assertThat(lines).containsExactly(
        "Step verify-schema (verify) failed: Ferry.ExpectationFailed: verify-schema: expected ok is true.",
        "It expected ok is true.",
        "Undone, latest first: apply-sql, pause-writers.");
  }

  @Test
  void aFailedCompensationSaysTheLockIsKept() {
    String cause = """
        {"Error":"Ferry.RestoreFailed","Cause":"{\\"errorMessage\\":\\"snapshot s1 is gone\\",\\"stackTrace\\":[\\"x\\"]}",\
        "at":{"step":"restore-snapshot","compensates":"apply-sql","ferryError":"Ferry.RollbackFailed"}}""";
    List<String> lines = FailureReport.describe("Ferry.RollbackFailed", cause, List.of(
        row("apply-sql", "COMPENSATING"), row("apply-sql", "COMPENSATION_FAILED"), row("run", "COMPENSATION_FAILED")));
    assertThat(lines).containsExactly(
        "Compensation restore-snapshot (undoing apply-sql) failed: Ferry.RestoreFailed: snapshot s1 is gone.",
        "Not undone: apply-sql; the lock is kept (ROLLBACK_FAILED) until an operator checks the target and runs ferry unlock --reason.");
  }

  @Test
  void aCauseThatEndsASentenceGetsNoSecondFullStop() {
    String cause = "{\"step\":\"apply-sql\",\"kind\":\"upgrade\",\"failure\":{\"Error\":\"UpgradeFailed\","
        + "\"Cause\":\"{\\\"errorMessage\\\":\\\"Ensure the migration exists.\\\"}\"}}";
    assertThat(FailureReport.describe("Ferry.MigrationFailed", cause, List.of()).getFirst())
        .isEqualTo("Step apply-sql (upgrade) failed: UpgradeFailed: Ensure the migration exists.");
  }

  @Test
  void readableUnwrapsNestedCausesAndLeavesPlainTextAlone() {
    assertThat(FailureReport.readable("{\"Error\":\"Ferry.UpgradeFailed\",\"Cause\":\"{\\\"errorMessage\\\":\\\"no V9\\\","
        + "\\\"stackTrace\\\":[\\\"a\\\"]}\"}")).isEqualTo("Ferry.UpgradeFailed: no V9");
    assertThat(FailureReport.readable("lock held by run-1")).isEqualTo("lock held by run-1");
    assertThat(FailureReport.readable("{\"holder\":\"run-1\",\"stackTrace\":[\"a\"]}")).isEqualTo("{\"holder\":\"run-1\"}");
    assertThat(FailureReport.readable(null)).isEmpty();
  }

  private static AuditRow row(String step, String phase) {
    return new AuditRow("orders-db", "e#001#" + step + "#" + phase, "e", "m", step, "kind", phase, "t", "me", "api", "", "");
  }
}
