package dev.ferry.machines.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.dsl.compile.CompiledMigration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds an AWS Step Functions Local MockConfigFile for a compiled machine from sample results
 * keyed by what a Task calls (a Lambda function name, or an integration resource ARN), so that
 * no state name is maintained by hand. A key {@code "<target>@<stepId>"} overrides the sample for
 * one step (the same status function may be expected to say different things to two steps).
 *
 * <p>Lambda results are wrapped as the {@code lambda:invoke} integration returns them ({@code
 * StatusCode}, {@code Payload}); callback ({@code .waitForTaskToken}) and SDK results are used as
 * they are.
 */
final class MockConfig {
  static final String HAPPY_PATH = "HappyPath";
  static final String FAULT = "Fault";
  private static final ObjectMapper JSON = new ObjectMapper();

  private MockConfig() {}

  /**
   * The MockConfigFile whose {@code HappyPath} gives every Task state of {@code compiled} its
   * sample result.
   *
   * @throws IllegalArgumentException naming every Task state without a sample, and the key to add
   */
  static ObjectNode generate(String machineName, CompiledMigration compiled, JsonNode samples) {
    Map<String, JsonNode> responses = new TreeMap<>();
    ObjectNode happyPath = JSON.createObjectNode();
    List<String> missing = new ArrayList<>();
    for (TaskState task : TaskState.of(compiled)) {
      String key = task.stepId().map(id -> task.target() + "@" + id).filter(samples::has).orElse(task.target());
      JsonNode sample = samples.get(key);
      if (sample == null) {
        missing.add("Task state '" + task.name() + "' calls " + task.target()
            + "; add a sample result under \"" + task.target() + "\"");
        continue;
      }
      JsonNode result = task.isLambdaInvoke()
          ? JSON.createObjectNode().put("StatusCode", 200).set("Payload", sample)
          : sample;
      responses.put(key, JSON.createObjectNode().set("0", JSON.createObjectNode().set("Return", result)));
      happyPath.put(task.name(), key);
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("No sample result for " + missing.size() + " Task state(s) of "
          + machineName + ":\n  " + String.join("\n  ", missing));
    }
    ObjectNode config = JSON.createObjectNode();
    config.putObject("StateMachines").putObject(machineName).putObject("TestCases").set(HAPPY_PATH, happyPath);
    config.set("MockedResponses", JSON.valueToTree(responses));
    return config;
  }

  /**
   * {@code config} plus a test case {@value #FAULT}: the happy path, except that {@code stateName}
   * throws {@code error} on its first call.
   */
  static ObjectNode withFault(ObjectNode config, String machineName, String stateName, String error, String cause) {
    ObjectNode thrown = JSON.createObjectNode();
    thrown.putObject("Throw").put("Error", error).put("Cause", cause);
    return withFaultResponse(config, machineName, stateName, thrown);
  }

  /**
   * {@code config} plus a test case {@value #FAULT}: the happy path, except that {@code stateName}
   * returns {@code result} (as a Lambda's payload when {@code lambda} is set).
   */
  static ObjectNode withResult(ObjectNode config, String machineName, String stateName, JsonNode result, boolean lambda) {
    JsonNode returned = lambda ? JSON.createObjectNode().put("StatusCode", 200).set("Payload", result) : result;
    return withFaultResponse(config, machineName, stateName, JSON.createObjectNode().set("Return", returned));
  }

  private static ObjectNode withFaultResponse(ObjectNode config, String machineName, String stateName, JsonNode response) {
    ObjectNode copy = config.deepCopy();
    ObjectNode testCases = (ObjectNode) copy.path("StateMachines").path(machineName).path("TestCases");
    ObjectNode fault = testCases.path(HAPPY_PATH).deepCopy();
    if (!fault.has(stateName)) {
      throw new IllegalArgumentException("machine " + machineName + " has no mocked Task state '" + stateName + "'");
    }
    fault.put(stateName, FAULT);
    testCases.set(FAULT, fault);
    ((ObjectNode) copy.path("MockedResponses")).set(FAULT, JSON.createObjectNode().set("0", response));
    return copy;
  }
}
