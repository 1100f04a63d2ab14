package dev.ferry.engine.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.engine.data.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An AWS Step Functions Local MockConfigFile: {@code StateMachines.<name>.TestCases.<case>.<state>}
 * names a mocked response; {@code MockedResponses.<response>} maps invocation numbers ({@code "0"})
 * or inclusive ranges ({@code "1-2"}) to exactly one of {@code Return} (the task result) or {@code
 * Throw} ({@code Error}, {@code Cause}). Invocation numbers must start at 0 and leave no gaps.
 */
public final class MockConfig {
  private static final Pattern KEY = Pattern.compile("(\\d+)(?:-(\\d+))?");

  private final Map<String, Map<String, MockTestCase>> machines;

  private MockConfig(Map<String, Map<String, MockTestCase>> machines) {
    this.machines = machines;
  }

  public static MockConfig load(Path file) {
    try {
      return parse(Json.parse(Files.readString(file)));
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read the MockConfigFile " + file + ": " + e.getMessage(), e);
    }
  }

  /** Parses and checks a MockConfigFile; IllegalArgumentException names the bad entry. */
  public static MockConfig parse(JsonNode root) {
    JsonNode responsesNode = root.path("MockedResponses");
    Map<String, List<MockedResponse>> responses = new LinkedHashMap<>();
    responsesNode.fields().forEachRemaining(e -> responses.put(e.getKey(), responses(e.getKey(), e.getValue())));
    Map<String, Map<String, MockTestCase>> machines = new LinkedHashMap<>();
    JsonNode machinesNode = root.path("StateMachines");
    if (!machinesNode.isObject()) {
      throw new IllegalArgumentException("MockConfigFile: the top-level field StateMachines must be an object of state machine names.");
    }
    machinesNode.fields().forEachRemaining(machine -> {
      Map<String, MockTestCase> cases = new LinkedHashMap<>();
      machine.getValue().path("TestCases").fields().forEachRemaining(testCase -> {
        Map<String, List<MockedResponse>> byState = new LinkedHashMap<>();
        testCase.getValue().fields().forEachRemaining(state -> {
          String responseName = state.getValue().asText();
          List<MockedResponse> list = responses.get(responseName);
          if (list == null) {
            throw new IllegalArgumentException(
                "MockConfigFile: test case '" + testCase.getKey() + "' of state machine '" + machine.getKey() + "' maps state '" + state.getKey()
                    + "' to mocked response '" + responseName + "', which MockedResponses does not define.");
          }
          byState.put(state.getKey(), list);
        });
        cases.put(testCase.getKey(), new MockTestCase(testCase.getKey(), Map.copyOf(byState)));
      });
      machines.put(machine.getKey(), Map.copyOf(cases));
    });
    return new MockConfig(Map.copyOf(machines));
  }

  public MockTestCase testCase(String machine, String testCase) {
    Map<String, MockTestCase> cases = machines.get(machine);
    if (cases == null) {
      throw new IllegalArgumentException(
          "MockConfigFile has no state machine '" + machine + "' (it has " + machines.keySet() + "); name the machine the file uses (ferry exec --state-machine NAME).");
    }
    MockTestCase found = cases.get(testCase);
    if (found == null) {
      throw new IllegalArgumentException("MockConfigFile has no test case '" + testCase + "' for state machine '" + machine + "' (it has " + cases.keySet() + ").");
    }
    return found;
  }

  private static List<MockedResponse> responses(String name, JsonNode node) {
    TreeMap<Integer, Integer> ranges = new TreeMap<>();
    Map<Integer, MockedResponse> byStart = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> {
      Matcher m = KEY.matcher(e.getKey());
      if (!m.matches()) {
        throw new IllegalArgumentException("MockedResponses." + name + ": key '" + e.getKey() + "' must be an invocation number like \"0\" or a range like \"1-2\".");
      }
      int from = Integer.parseInt(m.group(1));
      int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
      if (to < from) {
        throw new IllegalArgumentException("MockedResponses." + name + ": range '" + e.getKey() + "' ends before it starts.");
      }
      ranges.put(from, to);
      byStart.put(from, response(name, e.getKey(), e.getValue()));
    });
    List<MockedResponse> out = new ArrayList<>();
    int expected = 0;
    for (Map.Entry<Integer, Integer> range : ranges.entrySet()) {
      if (range.getKey() != expected) {
        throw new IllegalArgumentException(
            "MockedResponses." + name + ": invocations must be numbered from 0 without gaps or overlaps; expected invocation " + expected + " but the next key starts at " + range.getKey() + ".");
      }
      for (int i = range.getKey(); i <= range.getValue(); i++) {
        out.add(byStart.get(range.getKey()));
      }
      expected = range.getValue() + 1;
    }
    return List.copyOf(out);
  }

  private static MockedResponse response(String name, String key, JsonNode node) {
    boolean hasReturn = node.has("Return");
    boolean hasThrow = node.has("Throw");
    if (hasReturn == hasThrow) {
      throw new IllegalArgumentException("MockedResponses." + name + "." + key + ": give exactly one of Return or Throw.");
    }
    if (hasReturn) {
      return new MockedResponse.Return(node.get("Return"));
    }
    JsonNode t = node.get("Throw");
    if (!t.path("Error").isTextual()) {
      throw new IllegalArgumentException("MockedResponses." + name + "." + key + ".Throw needs an Error string (and optionally a Cause).");
    }
    return new MockedResponse.Throw(t.get("Error").asText(), t.path("Cause").isTextual() ? t.get("Cause").asText() : null);
  }
}
