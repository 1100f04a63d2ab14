package dev.ferry.dsl;

import java.util.Objects;

/**
 * A field of a step's result, read by a later step (a snapshot id used by the restore). The
 * validator checks that the step has run on every path that reaches the reader.
 *
 * @param stepId the step whose output is read
 * @param field a dotted path inside the result ({@code snapshotId}, {@code final.status}); empty
 *     for the whole result
 * @param source the step's main result or its last poll result
 */
public record StepOutput(String stepId, String field, Source source) implements Ref {

  /** Which of a step's results is read. */
  public enum Source {
    /** The result of the step's action (its first call). */
    RESULT,
    /** The result of the step's last poll call. */
    POLL
  }

  public StepOutput {
    Objects.requireNonNull(stepId, "stepId");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(source, "source");
  }

  @Override
  public String path() {
    return basePath("$.steps." + stepId);
  }

  /** This reference relative to where the step's results are stored ({@code base}). */
  public String basePath(String base) {
    String root = base + (source == Source.POLL ? ".poll.result" : ".result");
    return field.isEmpty() ? root : root + "." + field;
  }
}
