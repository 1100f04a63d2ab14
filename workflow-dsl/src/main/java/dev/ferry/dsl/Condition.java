package dev.ferry.dsl;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A test on a step's result: an expectation after the step ({@link Step#expect}) or the end
 * condition of a poll ({@link Poll#until}). {@code field} is a dotted path inside the result.
 */
public sealed interface Condition
    permits Condition.FieldEquals, Condition.IsTrue, Condition.VersionAtLeast {

  String field();

  /** Words for plans, comments and failure causes ({@code status = "available"}). */
  String describe();

  /** The field equals a string, number or boolean. */
  static FieldEquals equals(String field, Object value) {
    return new FieldEquals(field, value);
  }

  /** The field is boolean {@code true}. */
  static IsTrue isTrue(String field) {
    return new IsTrue(field);
  }

  /** The field is a version ({@code 2.0.2}) at least {@code minimum}; see {@link VersionAtLeast}. */
  static VersionAtLeast versionAtLeast(String field, String minimum) {
    return new VersionAtLeast(field, minimum);
  }

  record FieldEquals(String field, Object value) implements Condition {
    public FieldEquals {
      Objects.requireNonNull(field, "field");
      if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
        throw new IllegalArgumentException(
            "Condition.equals on '" + field + "' needs a string, number or boolean value");
      }
    }

    @Override
    public String describe() {
      return field + " = " + (value instanceof String s ? "\"" + s + "\"" : value);
    }
  }

  record IsTrue(String field) implements Condition {
    public IsTrue {
      Objects.requireNonNull(field, "field");
    }

    @Override
    public String describe() {
      return field + " is true";
    }
  }

  /**
   * A semantic-version floor. Pure JSONPath ASL has no version comparison, so the compiler splits
   * the actual value on "." with {@code States.StringSplit}, turns each of the first N components
   * into a number with {@code States.StringToJson}, and compares them component by component with
   * Choice rules, where N is the number of components of {@code minimum} (1 to 3). The actual
   * value must be a string of at least N dot-separated non-negative integers; extra components
   * ({@code 2.0.2.1}) are ignored, and a value that does not parse fails the step.
   */
  record VersionAtLeast(String field, String minimum) implements Condition {
    private static final Pattern VERSION = Pattern.compile("\\d+(\\.\\d+){0,2}");

    public VersionAtLeast {
      Objects.requireNonNull(field, "field");
      if (minimum == null || !VERSION.matcher(minimum).matches()) {
        throw new IllegalArgumentException(
            "Condition.versionAtLeast on '"
                + field
                + "': minimum '"
                + minimum
                + "' is not 1 to 3 dot-separated numbers; write it like 2.0.2");
      }
    }

    /** The numeric components of {@link #minimum()}. */
    public int[] components() {
      return java.util.Arrays.stream(minimum.split("\\.")).mapToInt(Integer::parseInt).toArray();
    }

    @Override
    public String describe() {
      return field + " >= " + minimum;
    }
  }
}
