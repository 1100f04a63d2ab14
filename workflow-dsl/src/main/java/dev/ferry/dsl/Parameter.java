package dev.ferry.dsl;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A typed input of a migration, read by steps as {@code $.parameters.<name>}. A parameter without
 * a default is required: the machine fails with {@code Ferry.InvalidInput} when it is missing.
 *
 * <p>A parameter that holds writers to pause ({@code [{type, name, cluster}]} or one such object)
 * declares their {@link #writerKinds() kinds}; the deploy grants exactly those on AWS.
 *
 * @param <T> the Java type of its default value
 */
public record Parameter<T>(String name, ParameterType type, String description, Optional<T> defaultValue,
    Set<WriterKind> writerKinds) {

  public Parameter {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(defaultValue, "defaultValue");
    writerKinds = writerKinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(writerKinds));
    if (!writerKinds.isEmpty() && type != ParameterType.OBJECT && type != ParameterType.OBJECT_LIST) {
      throw new IllegalArgumentException("parameter '" + name + "' holds writers, so it must be an object or objectList, not "
          + type.words());
    }
    if (!name.matches("[A-Za-z][A-Za-z0-9]*")) {
      throw new IllegalArgumentException(
          "parameter name '" + name + "' must be letters and digits starting with a letter (camelCase)");
    }
  }

  public static Parameter<String> string(String name) {
    return new Parameter<>(name, ParameterType.STRING, "", Optional.empty(), Set.of());
  }

  public static Parameter<Number> number(String name) {
    return new Parameter<>(name, ParameterType.NUMBER, "", Optional.empty(), Set.of());
  }

  public static Parameter<Boolean> bool(String name) {
    return new Parameter<>(name, ParameterType.BOOLEAN, "", Optional.empty(), Set.of());
  }

  public static Parameter<List<String>> stringList(String name) {
    return new Parameter<>(name, ParameterType.STRING_LIST, "", Optional.empty(), Set.of());
  }

  /** A list of JSON objects, e.g. the writers to pause: {@code [{"type": "ecs", "name": ...}]}. */
  public static Parameter<List<Map<String, Object>>> objectList(String name) {
    return new Parameter<>(name, ParameterType.OBJECT_LIST, "", Optional.empty(), Set.of());
  }

  public static Parameter<Map<String, Object>> object(String name) {
    return new Parameter<>(name, ParameterType.OBJECT, "", Optional.empty(), Set.of());
  }

  public Parameter<T> describedAs(String text) {
    return new Parameter<>(name, type, text, defaultValue, writerKinds);
  }

  /** Makes the parameter optional with this value when the input omits it. */
  public Parameter<T> defaultValue(T value) {
    return new Parameter<>(name, type, description, Optional.of(value), writerKinds);
  }

  /** Declares that the parameter holds writers of these kinds, e.g. the ECS service a pause stops. */
  public Parameter<T> holdingWriters(WriterKind first, WriterKind... more) {
    return new Parameter<>(name, type, description, defaultValue, EnumSet.of(first, more));
  }

  public boolean required() {
    return defaultValue.isEmpty();
  }

  /** The reference steps use to read it. */
  public Ref.ParameterRef ref() {
    return Ref.param(name);
  }
}
