package dev.ferry.dsl.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.dsl.Examples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiled machines run in an independent engine (aws-local-stepfunctions): to success on the
 * happy path, and with a fault at each work step to failure after exactly the compensations of
 * the completed steps, in reverse.
 */
class CrossEngineRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @BeforeAll
  static void engine() {
    var why = NodeTools.engineUnavailable();
    assumeTrue(why.isEmpty(), () -> why.orElse(""));
  }

  private JsonNode run(String definition, String input, String failAt, String verifyOk) throws Exception {
    return run(definition, input, failAt, verifyOk, "{}");
  }

  /** {@code overrides}: function name to the result it returns instead of the default one. */
  private JsonNode run(String definition, String input, String failAt, String verifyOk, String overrides) throws Exception {
    Path def = dir.resolve("machine.asl.json");
    Files.writeString(def, definition);
    ObjectNode scenario = (ObjectNode) JSON.readTree("""
        {"results": {
          "ferry-guard-schema-upgrade-needed": {"needed": true},
          "ferry-db-snapshot-create": {"snapshotId": "snap-1", "status": "creating"},
          "ferry-db-snapshot-status": {"snapshotId": "snap-1", "status": "available"},
          "ferry-baseline-capture": {"baseline": {"orders": {"rows": 3}}},
          "ferry-writers-pause": {"paused": [{"type": "local", "name": "writer"}]},
          "ferry-writers-resume": {"resumed": true},
          "ferry-schema-migrate": {"fromVersion": "1", "toVersion": "3"},
          "ferry-schema-verify": {"ok": %s},
          "ferry-db-snapshot-restore": {"done": true}}}
        """.formatted(verifyOk));
    JSON.readTree(overrides).properties().forEach(e -> ((ObjectNode) scenario.get("results")).set(e.getKey(), e.getValue()));
    scenario.set("input", JSON.readTree(input));
    scenario.put("failAt", failAt);
    Path file = dir.resolve("scenario.json");
    Files.writeString(file, scenario.toString());
    return NodeTools.run(def, file);
  }

  private static final String INPUT =
      "{\"target\":\"orders-db\",\"parameters\":{\"dbInstanceIdentifier\":\"db1\",\"secretArn\":\"arn:secret\",\"writers\":{}}}";

  private static List<String> visited(JsonNode result) {
    List<String> out = new ArrayList<>();
    result.get("visited").forEach(v -> out.add(v.asText()));
    return out;
  }

  @Test
  void happyPathSucceedsFromEveryInputShape() throws Exception {
    String def = Compiler.compile(Examples.postgresSchemaUpgrade().build()).json();
    JsonNode direct = run(def, INPUT, "", "true");
    assertThat(direct.get("status").asText()).as("%s", direct).isEqualTo("SUCCEEDED");
    assertThat(direct.get("output").get("ferry").get("trigger").asText()).isEqualTo("api");
    assertThat(direct.get("output").get("parameters").get("targetVersion").asText()).isEqualTo("3");
    JsonNode event = run(def, "{\"source\":\"ferry\",\"detail-type\":\"run\",\"detail\":" + INPUT + "}", "", "true");
    assertThat(event.get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(event.get("output").get("ferry").get("trigger").asText()).isEqualTo("event");
  }

  @Test
  void invalidInputFailsBeforeAnySideEffect() throws Exception {
    String def = Compiler.compile(Examples.postgresSchemaUpgrade().build()).json();
    JsonNode result = run(def, "{\"target\":\"orders-db\",\"parameters\":{\"secretArn\":3}}", "", "true");
    assertThat(result.get("status").asText()).isEqualTo("FAILED");
    assertThat(result.get("cause").asText()).contains("parameters.dbInstanceIdentifier: required string is missing");
    assertThat(visited(result)).isEmpty();
  }

  @Test
  void aFaultAtEachWorkStepCompensatesExactlyTheCompletedStepsInReverse() throws Exception {
    String def = Compiler.compile(Examples.postgresSchemaUpgrade().build()).json();
    record Case(String failAt, List<String> compensations) {}
    List<Case> cases = List.of(
        new Case("Schema upgrade needed", List.of()),
        new Case("Snapshot database", List.of()),
        new Case("Capture baseline", List.of()),
        new Case("Pause writers", List.of()),
        new Case("Apply schema", List.of("Poll start: restore-database", "Resume paused writers")),
        new Case("Verify schema", List.of("Poll start: restore-database", "Resume paused writers")),
        new Case("Resume writers", List.of("Poll start: restore-database", "Resume paused writers")));
    for (Case c : cases) {
      JsonNode result = run(def, INPUT, c.failAt(), "true");
      assertThat(result.get("status").asText()).as(c.failAt()).isEqualTo("FAILED");
      List<String> after = visited(result).subList(visited(result).indexOf(c.failAt()) + 1, visited(result).size());
      assertThat(after.stream().filter(n -> !n.startsWith("Record")).toList()).as(c.failAt()).isEqualTo(c.compensations());
      assertThat(result.get("cause").asText()).as(c.failAt())
          .contains("Ferry.InjectedFault", "\"ferryError\":\"Ferry.MigrationFailed\"");
    }
  }

  @Test
  void aFailedExpectationRestoresAndEndsWithExpectationFailed() throws Exception {
    String def = Compiler.compile(Examples.postgresSchemaUpgrade().build()).json();
    JsonNode result = run(def, INPUT, "", "false");
    assertThat(result.get("status").asText()).isEqualTo("FAILED");
    assertThat(visited(result)).containsSubsequence("Verify schema", "Record failure (expectation), undo restore-database",
        "Poll start: restore-database", "Resume paused writers", "Record: resume-paused-writers done");
    assertThat(result.get("cause").asText()).contains("\"step\":\"verify-schema\"", "\"expects\":\"ok is true\"",
        "Ferry.ExpectationFailed");
  }

  @Test
  void aFailingCompensationKeepsTheLockAndEndsWithRollbackFailed() throws Exception {
    String def = Compiler.compile(Examples.postgresSchemaUpgrade().build()).json();
    JsonNode result = run(def, INPUT, "Poll start: restore-database", "false");
    assertThat(result.get("status").asText()).isEqualTo("FAILED");
    assertThat(visited(result)).endsWith("Poll start: restore-database", "Record: restore-database failed");
    assertThat(result.get("cause").asText()).contains("\"compensates\":\"apply-schema\"", "Ferry.RollbackFailed");
  }

  /**
   * A result lacking a field that a later state reads (or with a compared field of the wrong type)
   * fails with Ferry.ResultInvalid after compensating exactly the completed steps; without the
   * check the reading state would fail with States.Runtime, which no Catch catches on AWS.
   */
  @Test
  void aResultLackingAFieldReadLaterCompensatesAndEndsWithResultInvalid() throws Exception {
    String def = Compiler.compile(Examples.postgresSchemaUpgrade().build()).json();
    record Case(String site, String overrides, String invalidState, String cause, List<String> compensations) {}
    List<String> restoreAndResume = List.of("Poll start: restore-database", "Resume paused writers");
    List<Case> cases = List.of(
        new Case("payload ref", "{\"ferry-baseline-capture\": {}}", "Invalid result: capture-baseline baseline missing",
            "capture-baseline: the result has no field 'baseline' (read by the call of verify-schema)", List.of()),
        new Case("compensation payload", "{\"ferry-db-snapshot-create\": {\"status\": \"creating\"}}",
            "Invalid result: snapshot-database snapshotId missing",
            "(read by the poll of restore-database, the poll of snapshot-database)", List.of()),
        new Case("payload ref of the resume and its compensation", "{\"ferry-writers-pause\": {}}",
            "Invalid result: pause-writers paused missing",
            "(read by the call of resume-paused-writers, the call of resume-writers)", List.of()),
        new Case("poll condition", "{\"ferry-db-snapshot-status\": {\"snapshotId\": \"snap-1\"}}",
            "Invalid poll result: snapshot-database status missing",
            "snapshot-database: the poll result has no field 'status' (read by the poll condition status = ",
            List.of()),
        new Case("equals", "{\"ferry-db-snapshot-status\": {\"status\": 3}}",
            "Invalid poll result: snapshot-database status not a string",
            "snapshot-database: the poll result's field 'status' is not a string", List.of()),
        new Case("isTrue", "{\"ferry-schema-verify\": {\"checks\": []}}", "Invalid result: verify-schema ok missing",
            "verify-schema: the result has no field 'ok' (read by the expectation ok is true)", restoreAndResume),
        new Case("isTrue type", "{\"ferry-schema-verify\": {\"ok\": \"yes\"}}", "Invalid result: verify-schema ok not a boolean",
            "verify-schema: the result's field 'ok' is not a boolean", restoreAndResume));
    for (Case c : cases) {
      JsonNode result = run(def, INPUT, "", "true", c.overrides());
      assertThat(result.get("status").asText()).as("%s: %s", c.site(), result).isEqualTo("FAILED");
      assertThat(result.get("error").asText()).as(c.site()).isEqualTo("Ferry.ResultInvalid");
      assertThat(result.get("cause").asText()).as(c.site()).contains(c.cause(), "\"ferryError\":\"Ferry.ResultInvalid\"");
      List<String> tasks = visited(result);
      int failedAt = tasks.indexOf(tasks.stream().filter(n -> n.startsWith("Record failure (result invalid)")).findFirst()
          .orElseThrow(() -> new AssertionError(c.site() + ": no failure record in " + tasks)));
      assertThat(tasks.subList(failedAt + 1, tasks.size()).stream().filter(n -> !n.startsWith("Record")).toList())
          .as(c.site()).isEqualTo(c.compensations());
      assertThat(JSON.readTree(def).get("States").get(c.invalidState()).get("Parameters").get("Cause").asText())
          .as(c.site()).contains(c.cause().substring(0, c.cause().length() / 2));
    }
  }

  @Test
  void aVersionThatIsNotAStringEndsWithResultInvalid() throws Exception {
    JsonNode states = JSON.readTree(Compiler.compile(Examples.everyFeature().build()).json()).get("States");
    JsonNode check = states.get("Check: check-version result");
    assertThat(check.get("Choices").get(0).toString()).contains("$.steps.check-version.result.actual", "IsPresent");
    assertThat(check.get("Choices").toString()).contains("IsString");
    assertThat(states.get("Invalid result: check-version actual not a string").get("Parameters").get("Error").asText())
        .isEqualTo("Ferry.ResultInvalid");
    assertThat(check.get("Default").asText()).isEqualTo("Parse versions: check-version");
  }
}
