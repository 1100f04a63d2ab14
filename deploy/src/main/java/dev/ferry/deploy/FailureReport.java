package dev.ferry.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A failed run as a person reads it. A cause is often JSON inside JSON: Ferry's failure report
 * ({@code step}, {@code kind}, {@code expects}, {@code failure}) around the States error
 * ({@code Error}, {@code Cause}) around the Lambda runtime's ({@code errorMessage}, {@code
 * errorType}, {@code stackTrace}). This unwraps it into sentences and leaves stack traces out.
 */
public final class FailureReport {

  private static final ObjectMapper JSON = new ObjectMapper();

  private FailureReport() {}

  /** Sentences: which step failed and what it said, what it expected, and what was undone. */
  public static List<String> describe(String error, String cause, List<AuditRow> runRows) {
    List<String> lines = new ArrayList<>();
    Optional<JsonNode> report = json(cause);
    JsonNode at = report.map(r -> r.path("at")).orElse(JSON.missingNode());
    if (report.isPresent() && report.get().hasNonNull("step") && report.get().has("failure")) {
      JsonNode r = report.get();
      lines.add(sentence("Step " + r.get("step").asText() + kind(r) + " failed: " + readable(r.get("failure"))));
      if (!r.path("expects").asText("").isEmpty()) {
        lines.add(sentence("It expected " + r.get("expects").asText()));
      }
    } else if (at.hasNonNull("step")) {
      lines.add(sentence("Compensation " + at.get("step").asText() + (at.hasNonNull("compensates") ? " (undoing "
          + at.get("compensates").asText() + ")" : "") + " failed: " + readable(report.get())));
    } else {
      lines.add(sentence("The run failed with " + error + (cause == null || cause.isEmpty() ? "" : ": " + readable(cause))));
    }
    List<String> undone = runRows.stream().filter(r -> r.phase().equals("COMPENSATED")).map(AuditRow::step).toList();
    List<String> notUndone = runRows.stream().filter(r -> r.phase().equals("COMPENSATION_FAILED") && !r.step().equals("run"))
        .map(AuditRow::step).toList();
    if (!undone.isEmpty()) {
      lines.add("Undone, latest first: " + String.join(", ", undone) + ".");
    }
    if (!notUndone.isEmpty()) {
      lines.add("Not undone: " + String.join(", ", notUndone) + "; the lock is kept (ROLLBACK_FAILED) until an operator"
          + " checks the target and runs ferry unlock --reason.");
    } else if (undone.isEmpty() && !runRows.isEmpty()) {
      lines.add("Nothing was undone: no step that has a compensation had completed.");
    }
    return lines;
  }

  /** A cause with Ferry's and the Lambda runtime's JSON unwrapped and stack traces left out. */
  public static String readable(String cause) {
    if (cause == null) {
      return "";
    }
    return json(cause).map(FailureReport::readable).orElse(cause);
  }

  private static String readable(JsonNode node) {
    if (node.isTextual()) {
      return readable(node.asText());
    }
    if (!node.isObject()) {
      return node.toString();
    }
    if (node.has("errorMessage")) {
      return node.path("errorMessage").asText();
    }
    if (node.hasNonNull("step") && node.has("failure")) {
      return "step " + node.get("step").asText() + kind(node) + ": " + readable(node.get("failure"));
    }
    if (node.has("Error") || node.has("Cause")) {
      String errorName = node.path("Error").asText("");
      String said = readable(node.path("Cause"));
      return errorName.isEmpty() ? said : said.isEmpty() ? errorName : errorName + ": " + said;
    }
    ObjectNode copy = ((ObjectNode) node).deepCopy();
    copy.remove("stackTrace");
    return copy.toString();
  }

  /** Ends the text with a full stop unless it already ends a sentence. */
  private static String sentence(String text) {
    String t = text.strip();
    return t.endsWith(".") || t.endsWith("!") || t.endsWith("?") ? t : t + ".";
  }

  private static String kind(JsonNode report) {
    return report.hasNonNull("kind") && !report.get("kind").asText().isEmpty() ? " (" + report.get("kind").asText() + ")" : "";
  }

  private static Optional<JsonNode> json(String text) {
    String t = text == null ? "" : text.strip();
    if (!t.startsWith("{")) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readTree(t));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
