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
}
