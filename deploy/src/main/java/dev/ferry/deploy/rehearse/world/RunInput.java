package dev.ferry.deploy.rehearse.world;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * The execution input of one run: its target and parameters ({@code requestedBy} is {@code
 * ferry-rehearse}, {@code trigger} {@code api}).
 *
 * @param target what the run migrates; the lock, progress and audit rows are keyed by it, so it
 *     should come from the {@link RunContext} (usually {@link RunContext#database})
 */
public record RunInput(String target, ObjectNode parameters) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public RunInput {
    Objects.requireNonNull(target, "target");
    parameters = parameters.deepCopy();
  }

  /** An input for {@code target} without parameters yet. */
  public static RunInput target(String target) {
    return new RunInput(target, JSON.createObjectNode());
  }

  /** The input with parameter {@code name} set to {@code value} (a string, number, boolean, list, map or record). */
  public RunInput parameter(String name, Object value) {
    ObjectNode more = parameters.deepCopy();
    more.set(name, JSON.valueToTree(value));
    return new RunInput(target, more);
  }
}
