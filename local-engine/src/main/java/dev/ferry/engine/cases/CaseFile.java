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
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Runs a JSON-lines file of recorded cases ({@code id}, {@code definition}, {@code input}, {@code
 * expected}: status and output, or status and error) and compares each result: status and output
 * (numbers by value, key order ignored) for successes, status and error name for failures. A
 * service-integration case also brings the {@code world} it needs and the {@code wildcards} its
 * recording replaced.
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

  /** Runs one case on a fresh virtual-clock engine; a case with a world needing DynamoDB fails to set up. */
  public static CaseResult run(JsonNode testCase) {
    return run(testCase, () -> null);
  }

  /**
   * Runs one case on a fresh virtual-clock engine, first building its {@code world}: tables through
   * the client {@code dynamoDb} gives (asked for only when the case uses DynamoDB), functions
   * in-process. A case with {@code wildcards} is compared strictly (see {@link Wildcards}), cause included.
   */
  public static CaseResult run(JsonNode testCase, Supplier<DynamoDbClient> dynamoDb) {
    String id = testCase.path("id").asText();
    World world;
    try {
      world = World.of(testCase.get("world"), id);
    } catch (IllegalArgumentException e) {
      return new CaseResult(id, ExecutionResult.ended(ExecutionStatus.FAILED, "States.Runtime", e.getMessage()), false, "the case's world is invalid: " + e.getMessage());
    }
    LocalEngine.Builder builder = LocalEngine.builder().virtualClock();
    DynamoDbClient client = usesDynamoDb(testCase, world) ? dynamoDb.get() : null;
    if (client != null) {
      builder.dynamoDb(client);
    }
    ExecutionResult actual;
    try (WorldSetup setup = WorldSetup.install(world, client, builder); LocalEngine engine = builder.build()) {
      setup.bind(engine);
      actual = engine.start(testCase.get("definition"), "case", testCase.path("input")).await(Duration.ofSeconds(30));
    } catch (IllegalArgumentException e) {
      actual = ExecutionResult.ended(ExecutionStatus.FAILED, "States.Runtime", "Invalid definition: " + e.getMessage());
    } catch (IllegalStateException e) {
      actual = ExecutionResult.ended(ExecutionStatus.RUNNING, null, e.getMessage());
    }
    JsonNode expected = testCase.path("expected");
    String mismatch =
        testCase.has("wildcards")
            ? new Wildcards(testCase.get("wildcards")).compare(expected, actual.status().name(), actual.error(), actual.cause(), actual.output())
            : compare(expected, actual);
    return new CaseResult(id, actual, mismatch == null, mismatch);
  }

  private static boolean usesDynamoDb(JsonNode testCase, World world) {
    if (!world.tables().isEmpty()) {
      return true;
    }
    for (JsonNode integration : testCase.path("integrations")) {
      if (integration.asText().contains("dynamodb")) {
        return true;
      }
    }
    return false;
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
