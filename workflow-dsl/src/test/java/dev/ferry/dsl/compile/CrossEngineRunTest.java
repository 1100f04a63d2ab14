package dev.ferry.dsl.compile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.dsl.Examples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
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
    NodeTools.requireOrSkip(NodeTools.engineUnavailable());
  }

  private JsonNode run(String definition, String input, String failAt, String verifyOk) throws Exception {
    return run(definition, input, failAt, verifyOk, "{}");
  }

  /** {@code overrides}: function name to the result it returns instead of the default one. */
  private JsonNode run(String definition, String input, String failAt, String verifyOk, String overrides) throws Exception {
    return run(definition, input, verifyOk, overrides,
        state -> state.equals(failAt) ? Optional.of("Ferry.InjectedFault") : Optional.empty());
  }

  /**
   * Runs the definition with {@code tools/asl/run-local.mjs} and a MockConfigFile built from the
   * scenario: one mocked response per Task state, for every call of it. DynamoDB writes return
   * nothing, Lambda calls the result of their function (callbacks the result itself), and a state
   * given an error by {@code faults} throws it on every call, so it outlasts any Retry.
   */
  private JsonNode run(String definition, String input, String verifyOk, String overrides,
      Function<String, Optional<String>> faults) throws Exception {
    ObjectNode results = (ObjectNode) JSON.readTree("""
        {"ferry-guard-schema-upgrade-needed": {"needed": true},
         "ferry-db-snapshot-create": {"snapshotId": "snap-1", "status": "creating"},
         "ferry-db-snapshot-status": {"snapshotId": "snap-1", "status": "available"},
         "ferry-baseline-capture": {"baseline": {"orders": {"rows": 3}}},
         "ferry-writers-pause": {"paused": [{"type": "local", "name": "writer"}]},
         "ferry-writers-resume": {"resumed": true},
         "ferry-schema-migrate": {"fromVersion": "1", "toVersion": "3"},
         "ferry-schema-verify": {"ok": %s},
         "ferry-db-snapshot-restore": {"done": true}}
        """.formatted(verifyOk));
    JSON.readTree(overrides).properties().forEach(e -> results.set(e.getKey(), e.getValue()));
    ObjectNode testCase = JSON.createObjectNode();
    ObjectNode responses = JSON.createObjectNode();
    tasks(JSON.readTree(definition).get("States")).forEach((name, task) -> {
      ObjectNode response = JSON.createObjectNode();
      Optional<String> fault = faults.apply(name);
      if (fault.isPresent()) {
        response.putObject("Throw").put("Error", fault.get()).put("Cause", "injected fault at " + name);
      } else {
        String resource = task.get("Resource").asText();
        JsonNode result = results.path(task.path("Parameters").path("FunctionName").asText());
        JsonNode returned = result.isMissingNode() ? JSON.createObjectNode() : result;
        if (resource.contains(":dynamodb")) {
          response.putObject("Return");
        } else if (resource.endsWith(".waitForTaskToken")) {
          response.set("Return", returned);
        } else {
          response.putObject("Return").set("Payload", returned);
        }
      }
      responses.putObject(name).set("0-999", response);
      testCase.put(name, name);
    });
    ObjectNode mocks = JSON.createObjectNode();
    mocks.putObject("StateMachines").putObject("machine").putObject("TestCases").set("Scenario", testCase);
    mocks.set("MockedResponses", responses);
    Path def = dir.resolve("machine.asl.json");
    Path in = dir.resolve("input.json");
    Path mockFile = dir.resolve("mocks.json");
    Files.writeString(def, definition);
    Files.writeString(in, input);
    Files.writeString(mockFile, mocks.toString());
    ObjectNode result = (ObjectNode) NodeTools.run(def, in, mockFile, "machine", "Scenario");
    // "entered": every state entered; "visited": the Task states among them, the calls made.
    result.set("entered", result.get("visited"));
    ArrayNode calls = result.putArray("visited");
    result.get("entered").forEach(n -> {
      if (responses.has(n.asText())) {
        calls.add(n);
      }
    });
    return result;
  }

  /** Every Task state by name, in branches too. */
  private static Map<String, JsonNode> tasks(JsonNode states) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    states.properties().forEach(e -> {
      if (e.getValue().path("Type").asText().equals("Task")) {
        out.put(e.getKey(), e.getValue());
      }
      e.getValue().path("Branches").forEach(b -> out.putAll(tasks(b.get("States"))));
    });
    return out;
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
        new Case("Verify schema", List.of("Poll start: restore-database", "Resume paused writers")));
    for (Case c : cases) {
      JsonNode result = run(def, INPUT, c.failAt(), "true");
      assertThat(result.get("status").asText()).as(c.failAt()).isEqualTo("FAILED");
      List<String> after = visited(result).subList(visited(result).indexOf(c.failAt()) + 1, visited(result).size());
      assertThat(after.stream().filter(n -> !n.startsWith("Record")).toList()).as(c.failAt()).isEqualTo(c.compensations());
      assertThat(result.get("cause").asText()).as(c.failAt())
          .contains("Ferry.InjectedFault", "\"ferryError\":\"Ferry.MigrationFailed\"");
    }
    // Past the point of no return (the last verify passed) a failing resume is retried, never undone.
    JsonNode resume = run(def, INPUT, "Resume writers", "true");
    assertThat(resume.get("status").asText()).isEqualTo("FAILED");
    assertThat(resume.get("error").asText()).as("%s", resume).isEqualTo("Ferry.Incomplete");
    List<String> afterResume = visited(resume).subList(visited(resume).indexOf("Resume writers") + 1, visited(resume).size());
    assertThat(afterResume).as("nothing compensated after a passed verify").doesNotContain(
        "Poll start: restore-database", "Resume paused writers");
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

  /**
   * When the write that records a failure fails after its retries, the run still compensates what
   * it must and ends with the failure's typed error, the cause saying which audit rows are
   * missing: no state on the failure path reads a field only that write sets (a read of a missing
   * field ends the run with States.Runtime, which no Catch catches).
   */
  @Test
  void aFailureWhoseRecordCannotBeWrittenStillCompensatesAndEndsWithItsTypedError() throws Exception {
    String def = Compiler.compile(Examples.postgresSchemaUpgrade().build()).json();
    record Case(String site, String failAt, String verifyOk, String overrides, String unwritable, String error,
        List<String> compensations, String missing) {}
    List<String> restoreAndResume = List.of("Poll start: restore-database", "Resume paused writers");
    List<Case> cases = List.of(
        new Case("caught error, compensation follows", "Apply schema", "true", "{}", "Record failure",
            "Ferry.MigrationFailed", restoreAndResume, "\"auditNotWritten\""),
        new Case("caught error, nothing to compensate", "Snapshot database", "true", "{}", "Record failure",
            "Ferry.MigrationFailed", List.of(), "\"auditNotWritten\""),
        new Case("failed expectation (no caught error to carry)", "", "false", "{}", "Record failure",
            "Ferry.ExpectationFailed", restoreAndResume, "\"auditNotWritten\""),
        new Case("result invalid", "", "true", "{\"ferry-schema-verify\": {}}", "Record failure",
            "Ferry.ResultInvalid", restoreAndResume, "\"auditNotWritten\""),
        new Case("step record failed, then its failure record", "Record: apply-schema done", "true", "{}", "Record failure",
            "Ferry.MigrationFailed", restoreAndResume, "\"auditNotWritten\""),
        new Case("last compensation record", "Apply schema", "true", "{}", "Record: resume-paused-writers done",
            "Ferry.MigrationFailed", restoreAndResume, "\"compensationAuditNotWritten\""),
        new Case("caught compensation error", "Poll start: restore-database", "false", "{}", "Record: restore-database failed",
            "Ferry.RollbackFailed", List.of(), "\"auditNotWritten\""),
        new Case("compensation poll timeout (no caught error to carry)", "Verify schema", "true",
            "{\"ferry-db-snapshot-restore\": {\"done\": false}}", "Record: restore-database failed",
            "Ferry.RollbackFailed", List.of(), "\"auditNotWritten\""));
    for (Case c : cases) {
      JsonNode result = run(def, INPUT, c.verifyOk(), c.overrides(), state -> state.equals(c.failAt())
          ? Optional.of("Ferry.InjectedFault")
          : state.startsWith(c.unwritable()) ? Optional.of("DynamoDb.InternalServerErrorException") : Optional.empty());
      assertThat(result.get("status").asText()).as("%s: %s", c.site(), result).isEqualTo("FAILED");
      assertThat(result.get("error").asText()).as("%s: %s", c.site(), result).isEqualTo(c.error());
      assertThat(result.get("cause").asText()).as(c.site()).contains(c.missing(), "DynamoDb.InternalServerErrorException");
      List<String> tasks = visited(result);
      assertThat(tasks).as(c.site()).anyMatch(n -> n.startsWith(c.unwritable()));
      int firstUnwritten = tasks.indexOf(tasks.stream().filter(n -> n.startsWith(c.unwritable())).findFirst().orElseThrow());
      List<String> compensations = tasks.stream().filter(n -> !n.startsWith("Record"))
          .filter(n -> tasks.indexOf(n) > (c.compensations().isEmpty() ? firstUnwritten : tasks.indexOf(c.failAt().isEmpty()
              ? "Verify schema" : c.failAt()))).toList();
      assertThat(compensations).as(c.site()).isEqualTo(c.compensations().isEmpty() ? List.of() : c.compensations());
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
