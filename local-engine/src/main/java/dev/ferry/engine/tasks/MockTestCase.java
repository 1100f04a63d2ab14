package dev.ferry.engine.tasks;

import java.util.List;
import java.util.Map;

/**
 * One test case of a MockConfigFile: for each mocked state, its responses by invocation number
 * (0-based). States not listed run their real integration.
 */
public record MockTestCase(String name, Map<String, List<MockedResponse>> byState) {

  /** The response for the {@code invocation}-th call (0-based) of {@code state}, or null when the state is not mocked. */
  public MockedResponse response(String state, int invocation) {
    List<MockedResponse> responses = byState.get(state);
    if (responses == null) {
      return null;
    }
    if (invocation >= responses.size()) {
      throw new dev.ferry.engine.StatesError(
          "States.Runtime",
          "Mock test case '" + name + "' defines " + responses.size() + " response(s) for state '" + state + "' but the state was invoked " + (invocation + 1) + " times; add invocation keys to its MockedResponse.");
    }
    return responses.get(invocation);
  }
}
