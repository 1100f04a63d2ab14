package dev.ferry.engine.cases;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.engine.ExecutionResult;

/** One case run: its id, what the engine produced, whether that matches the recorded result, and why not. */
public record CaseResult(String id, ExecutionResult actual, boolean passed, String mismatch) {

  /** The {@code ferry exec --cases} line: the execution line plus {@code id} and {@code passed}. */
  public ObjectNode toJson() {
    ObjectNode line = dev.ferry.engine.data.Json.object();
    line.put("id", id);
    line.setAll(actual.toJson());
    line.put("passed", passed);
    if (!passed) {
      line.put("mismatch", mismatch);
    }
    return line;
  }
}
