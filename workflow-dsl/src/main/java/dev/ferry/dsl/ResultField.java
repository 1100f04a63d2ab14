package dev.ferry.dsl;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A field a Lambda function returns, read by expectations, poll conditions and later steps ({@code
 * snapshot.output(SnapshotCreate.SNAPSHOT_ID)}). Shipped tasks declare theirs as constants; a
 * user's own function declares its fields once, in {@link LambdaFunction#named}.
 *
 * @param <V> the Java type of its value: what {@link Condition#equals(ResultField, Object)} compares
 *     it with
 * @param path a dotted path inside the result ({@code final-status.is_up_to_date})
 * @param values the only values it takes, when the function has a fixed set; empty otherwise
 */
public record ResultField<V>(String path, JsonType type, List<String> values, String description) {

  public ResultField {
    Condition.checkedField(path);
    Objects.requireNonNull(type, "type");
    values = List.copyOf(values);
    Objects.requireNonNull(description, "description");
  }

  public static ResultField<String> string(String path) {
    return new ResultField<>(path, JsonType.STRING, List.of(), "");
  }

  public static ResultField<Boolean> bool(String path) {
    return new ResultField<>(path, JsonType.BOOLEAN, List.of(), "");
  }

  public static ResultField<Number> number(String path) {
    return new ResultField<>(path, JsonType.NUMBER, List.of(), "");
  }

  public static ResultField<List<String>> stringList(String path) {
    return new ResultField<>(path, JsonType.STRING_LIST, List.of(), "");
  }

  public static ResultField<List<Object>> objectList(String path) {
    return new ResultField<>(path, JsonType.OBJECT_LIST, List.of(), "");
  }

  public static ResultField<Object> object(String path) {
    return new ResultField<>(path, JsonType.OBJECT, List.of(), "");
  }

  /** A string field whose values are the constants of {@code values}. */
  public static <E extends Enum<E> & ResultValue> ResultField<E> oneOf(String path, Class<E> values) {
    return new ResultField<>(path, JsonType.STRING,
        Arrays.stream(values.getEnumConstants()).map(ResultValue::wire).toList(), "");
  }

  public ResultField<V> describedAs(String text) {
    return new ResultField<>(path, type, values, text);
  }

  /** Whether a read of {@code readPath} lies in this field: the field itself, inside it, or above it. */
  public boolean covers(String readPath) {
    return readPath.isEmpty() || readPath.equals(path) || readPath.startsWith(path + ".") || path.startsWith(readPath + ".");
  }
}
