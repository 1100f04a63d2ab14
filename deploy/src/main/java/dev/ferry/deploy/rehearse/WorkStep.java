package dev.ferry.deploy.rehearse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.deploy.CompiledMachine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A forward work step of a compiled machine, as the rehearsal injects faults into it.
 *
 * @param id the DSL step id
 * @param function the Lambda function its work state calls
 * @param throttleAttempts how many attempts its Retry makes on {@code Lambda.TooManyRequestsException}
 *     (1 when it does not retry it)
 */
public record WorkStep(String id, String function, int throttleAttempts) {

  private static final Pattern WORK = Pattern.compile("^\\w+: (\\S+) \\(work\\)$");
  private static final Pattern RECORD = Pattern.compile("^progress: (\\S+) \\(\\S+\\) record it .*");

  /**
   * The top-level steps that call a Lambda function and are recorded done by a progress write, in
   * plan order (compensations are not: they are recorded as compensated, never as progress).
   */
  public static List<WorkStep> of(CompiledMachine machine) {
    JsonNode states = machine.definition().path("States");
    List<String> recorded = new ArrayList<>();
    for (Map.Entry<String, JsonNode> state : states.properties()) {
      Matcher m = RECORD.matcher(state.getValue().path("Comment").asText());
      if (m.matches()) {
        recorded.add(m.group(1));
      }
    }
    List<WorkStep> steps = new ArrayList<>();
    for (String id : recorded) {
      for (Map.Entry<String, JsonNode> state : states.properties()) {
        JsonNode s = state.getValue();
        Matcher m = WORK.matcher(s.path("Comment").asText());
        String function = s.path("Parameters").path("FunctionName").asText("");
        if (m.matches() && m.group(1).equals(id) && !function.isEmpty()) {
          steps.add(new WorkStep(id, function, throttleAttempts(s)));
        }
      }
    }
    return List.copyOf(steps);
  }

  private static int throttleAttempts(JsonNode state) {
    for (JsonNode retrier : state.path("Retry")) {
      for (JsonNode error : retrier.path("ErrorEquals")) {
        String name = error.asText();
        if (name.equals("Lambda.TooManyRequestsException") || name.equals("States.ALL")) {
          // MaxAttempts counts retries after the first attempt; ASL's default is 3.
          return 1 + retrier.path("MaxAttempts").asInt(3);
        }
      }
    }
    return 1;
  }
}
