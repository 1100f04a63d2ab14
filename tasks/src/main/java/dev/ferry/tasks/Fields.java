package dev.ferry.tasks;

import Ferry.InvalidInput;
import java.util.List;
import java.util.Map;

/**
 * Checks on payload fields. Handlers check their payload before any side effect, so a bad payload
 * fails with {@code Ferry.InvalidInput} naming the field and changes nothing.
 */
public final class Fields {

  private Fields() {}

  public static String text(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new InvalidInput(field + ": required string is missing or blank; pass it in the task's payload");
    }
    return value;
  }

  public static <T> List<T> nonEmpty(List<T> value, String field) {
    if (value == null || value.isEmpty()) {
      throw new InvalidInput(field + ": required list is missing or empty; pass at least one entry");
    }
    return value;
  }

  public static <K, V> Map<K, V> nonEmpty(Map<K, V> value, String field) {
    if (value == null || value.isEmpty()) {
      throw new InvalidInput(field + ": required object is missing or empty; pass at least one entry");
    }
    return value;
  }

  public static <T> T present(T value, String field) {
    if (value == null) {
      throw new InvalidInput(field + ": required field is missing; pass it in the task's payload");
    }
    return value;
  }

  /** Exactly one of two alternative fields, e.g. an instance or a cluster identifier. */
  public static void exactlyOne(String first, String firstField, String second, String secondField) {
    boolean hasFirst = first != null && !first.isBlank();
    boolean hasSecond = second != null && !second.isBlank();
    if (hasFirst == hasSecond) {
      throw new InvalidInput(firstField + " / " + secondField + ": pass exactly one of them (got "
          + (hasFirst ? "both" : "neither") + ")");
    }
  }
}
