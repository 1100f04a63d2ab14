package dev.ferry.engine;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One task invocation: the Resource ARN (without a {@code .sync} or {@code .waitForTaskToken}
 * suffix), the rendered parameters, the state and execution, and the task token when the state
 * waits for a callback.
 */
public record TaskRequest(String resource, JsonNode parameters, String stateName, String executionArn, String taskToken) {}
