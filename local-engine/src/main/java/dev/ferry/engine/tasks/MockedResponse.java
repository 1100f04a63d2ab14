package dev.ferry.engine.tasks;

import com.fasterxml.jackson.databind.JsonNode;

/** What a mocked Task invocation answers: a result or an error. */
public sealed interface MockedResponse {
  record Return(JsonNode value) implements MockedResponse {}

  record Throw(String error, String cause) implements MockedResponse {}
}
