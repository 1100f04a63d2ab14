package dev.ferry.engine;

import com.fasterxml.jackson.databind.JsonNode;

/** An in-process Lambda function: takes the invocation payload, returns the function's result. */
@FunctionalInterface
public interface LambdaHandler {
  JsonNode handle(JsonNode payload) throws Exception;
}
