package dev.ferry.dsl;

import java.util.regex.Pattern;

/**
 * A test on a step's result: an expectation after the step ({@code step.expect(...)}) or the end
 * condition of a poll ({@link Poll#until}). It reads a {@link ResultField} of the function called,
 * so javac checks the compared value's type; {@code field} is that field's dotted path.
 */
public sealed interface Condition
    permits Condition.FieldEquals, Condition.IsTrue, Condition.VersionAtLeast {

  /** A dotted path of JSON field names: what a JSONPath reference path can name. */
  java.util.regex.Pattern FIELD = java.util.regex.Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

  /** {@code field}, or an exception saying how to write it. */
  static String checkedField(String field) {
    if (field == null || !FIELD.matcher(field).matches()) {
      throw new IllegalArgumentException("field '" + field
          + "' is not a dotted path of field names (letters, digits, _ and -), like 'final-status.is_up_to_date'");
    }
    return field;
  }

  String field();

  /** Words for plans, comments and failure causes ({@code status = "available"}). */
  String describe();

  /** The field equals a string, number, boolean or one of its {@link ResultValue}s. */
  static <V> FieldEquals equals(ResultField<V> field, V value) {
    return new FieldEquals(field.path(), value instanceof ResultValue v ? v.wire() : value);
  }

  /** The field is boolean {@code true}. */
  static IsTrue isTrue(ResultField<Boolean> field) {
    return new IsTrue(field.path());
  }

  /** The field is a version ({@code 2.0.2}) at least {@code minimum}; see {@link VersionAtLeast}. */
  static VersionAtLeast versionAtLeast(ResultField<String> field, String minimum) {
    return new VersionAtLeast(field.path(), minimum);
  }

  record FieldEquals(String field, Object value) implements Condition {
    public FieldEquals {
      checkedField(field);
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
      checkedField(field);
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
      checkedField(field);
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
