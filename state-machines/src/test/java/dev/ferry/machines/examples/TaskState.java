package dev.ferry.machines.examples;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Task state of a compiled machine, found anywhere in it (Parallel branches included), with what
 * its {@code Comment} says about the step it belongs to: {@code "<kind>: <stepId> (<role>) ..."}.
 *
 * @param functionName the Lambda's name for {@code lambda:invoke} resources, else empty
 * @param stepId the DSL step the state belongs to; empty for Ferry's injected states (lock, input)
 * @param role {@code work}, {@code poll}, {@code progress}, {@code audit}; empty when injected
 */
record TaskState(String name, String resource, Optional<String> functionName, Optional<String> stepId,
    Optional<String> role) {

  private static final Pattern STEP_COMMENT = Pattern.compile("^[a-z]+: ([a-z0-9-]+) \\(([a-z]+)\\)");

  /** What a mocked response is looked up by: the function name, else the resource ARN. */
  String target() {
    return functionName.orElse(resource);
  }

  boolean isLambdaInvoke() {
    return resource.equals("arn:aws:states:::lambda:invoke");
  }

  boolean isWork() {
    return role.filter("work"::equals).isPresent();
  }

  /** Every Task state of {@code definition}, in definition order. */
  static List<TaskState> of(JsonNode definition) {
    List<TaskState> out = new ArrayList<>();
    collect(definition.path("States"), out);
    return out;
  }

  private static void collect(JsonNode states, List<TaskState> out) {
    for (Map.Entry<String, JsonNode> e : states.properties()) {
      JsonNode state = e.getValue();
      if (state.path("Type").asText().equals("Task")) {
        Matcher m = STEP_COMMENT.matcher(state.path("Comment").asText());
        boolean step = m.find();
        JsonNode fn = state.path("Parameters").path("FunctionName");
        out.add(new TaskState(e.getKey(), state.path("Resource").asText(),
            fn.isTextual() ? Optional.of(fn.asText()) : Optional.empty(),
            step ? Optional.of(m.group(1)) : Optional.empty(),
            step ? Optional.of(m.group(2)) : Optional.empty()));
      }
      for (JsonNode branch : state.path("Branches")) {
        collect(branch.path("States"), out);
      }
    }
  }
}
