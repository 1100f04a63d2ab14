package dev.ferry.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.engine.data.Json;

/** An in-process Lambda function: takes the invocation payload, returns the function's result. */
@FunctionalInterface
public interface LambdaHandler {
  JsonNode handle(JsonNode payload) throws Exception;

  /** The response body as this function's runtime writes its result; the Invoke API's Content-Length is its size. */
  default String responseBody(JsonNode result) {
    return Json.write(result);
  }
}
