package dev.ferry.engine.cases;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.engine.ExecutionResult;
import dev.ferry.engine.ExecutionStatus;
import dev.ferry.engine.LocalEngine;
import dev.ferry.engine.data.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs a JSON-lines file of recorded cases ({@code id}, {@code definition}, {@code input}, {@code
 * expected}: status and output, or status and error) and compares each result: status and output
 * (numbers by value, key order ignored) for successes, status and error name for failures.
 */
public final class CaseFile {
  private CaseFile() {}

  public static List<JsonNode> read(Path file) throws IOException {
    List<JsonNode> cases = new ArrayList<>();
    int lineNumber = 0;
    for (String line : Files.readAllLines(file)) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      try {
        cases.add(Json.parse(line));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + " line " + lineNumber + " is " + e.getMessage() + "; each line must be one JSON case.", e);
      }
    }
    return cases;
  }

  /** Runs one case on a fresh virtual-clock engine. */
  public static CaseResult run(JsonNode testCase) {
    String id = testCase.path("id").asText();
    ExecutionResult actual;
    try (LocalEngine engine = LocalEngine.builder().virtualClock().build()) {
      actual = engine.start(testCase.get("definition"), "case", testCase.path("input")).await(Duration.ofSeconds(30));
    } catch (IllegalArgumentException e) {
      actual = ExecutionResult.ended(ExecutionStatus.FAILED, "States.Runtime", "Invalid definition: " + e.getMessage());
    } catch (IllegalStateException e) {
      actual = ExecutionResult.ended(ExecutionStatus.RUNNING, null, e.getMessage());
    }
    String mismatch = compare(testCase.path("expected"), actual);
    return new CaseResult(id, actual, mismatch == null, mismatch);
  }

  /** Null when {@code actual} matches {@code expected}, else what differs. */
  public static String compare(JsonNode expected, ExecutionResult actual) {
    String status = expected.path("status").asText();
    if (!status.equals(actual.status().name())) {
      return "status " + actual.status() + " (" + actual.error() + ": " + actual.cause() + "), expected " + status;
    }
    if (actual.status() == ExecutionStatus.SUCCEEDED) {
      JsonNode output = expected.get("output");
      if (!Json.sameValue(output, actual.output())) {
        return "output " + Json.write(actual.output()) + ", expected " + Json.write(output);
      }
      return null;
    }
    JsonNode error = expected.get("error");
    String expectedError = error == null || error.isNull() ? null : error.asText();
    return Objects.equals(expectedError, actual.error()) ? null : "error " + actual.error() + " (" + actual.cause() + "), expected " + expectedError;
  }
}
