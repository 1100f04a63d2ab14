package dev.ferry.dsl.compile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.asl.TaskState;
import java.util.Optional;

/**
 * What a Task state calls.
 *
 * @param state the state's name
 * @param kind the integration
 * @param function the Lambda function's name as the machine calls it (prefix included), for the
 *     Lambda integrations
 * @param task the state itself: its resource, parameters and Retry
 */
public record Call(String state, CallKind kind, Optional<String> function, TaskState task) {

  public String resource() {
    return task.resource();
  }

  /** The call's parameters (JSONPath templates); empty when it has none. */
  public JsonNode parameters() {
    return task.parameters().orElseGet(Json.F::objectNode);
  }

  /**
   * How many times the call is attempted when every attempt fails with {@code error}: one, plus
   * the retries of the first retrier that matches it ({@code States.ALL} included).
   */
  public int attemptsOn(String error) {
    return task.retry().stream()
        .filter(r -> r.errorEquals().contains(error) || r.errorEquals().contains("States.ALL"))
        .findFirst()
        .map(r -> 1 + r.maxAttempts().orElse(3))
        .orElse(1);
  }
}
