package dev.ferry.dsl;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The input of an action, in declaration order: literal values (string, number, boolean, list,
 * nested {@code Payload}) and {@link Ref}s resolved at run time.
 */
public record Payload(Map<String, Object> fields) {

  public Payload {
    Map<String, Object> copy = new LinkedHashMap<>();
    fields.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "field name"), checked(k, v)));
    fields = Collections.unmodifiableMap(copy);
  }

  public static Payload empty() {
    return new Payload(Map.of());
  }

  public static Payload of(String field, Object value) {
    return empty().and(field, value);
  }

  /** This payload plus one field (a literal, a list, a nested payload or a {@link Ref}). */
  public Payload and(String field, Object value) {
    Map<String, Object> next = new LinkedHashMap<>(fields);
    if (next.containsKey(field)) {
      throw new IllegalArgumentException("payload field '" + field + "' is set twice; set it once");
    }
    next.put(field, value);
    return new Payload(next);
  }

  /** Adds {@code executionName} from {@code $$.Execution.Name}, the id idempotent tasks key on. */
  public Payload withExecutionName() {
    return and("executionName", Ref.executionName());
  }

  /** Every {@link Ref} in this payload, nested ones included, in declaration order. */
  public List<Ref> refs() {
    List<Ref> out = new java.util.ArrayList<>();
    fields.values().forEach(v -> collect(v, out));
    return out;
  }

  private static void collect(Object value, List<Ref> out) {
    switch (value) {
      case Ref.Format f -> {
        out.add(f);
        f.args().forEach(a -> collect(a, out));
      }
      case Ref r -> out.add(r);
      case Payload p -> out.addAll(p.refs());
      case List<?> l -> l.forEach(v -> collect(v, out));
      default -> {}
    }
  }

  private static Object checked(String field, Object value) {
    return switch (value) {
      case null -> null;
      case String s -> s;
      case Number n -> n;
      case Boolean b -> b;
      case Ref r -> r;
      case Payload p -> p;
      case Map<?, ?> m -> {
        Map<String, Object> nested = new LinkedHashMap<>();
        m.forEach((k, v) -> nested.put(String.valueOf(k), v));
        yield new Payload(nested);
      }
      case List<?> l -> List.copyOf(l.stream().map(v -> checked(field, v)).toList());
      default ->
          throw new IllegalArgumentException(
              "payload field '"
                  + field
                  + "' has a "
                  + value.getClass().getSimpleName()
                  + "; use a string, number, boolean, list, Payload or Ref");
    };
  }
}
