package dev.ferry.deploy.rehearse.world;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A DynamoDB table of the world, on DynamoDB Local: created and filled afresh for every run, named
 * by {@link RunContext#table(String)}.
 *
 * @param name the name the world refers to it by
 * @param hashKey its partition key (a string attribute)
 * @param rangeKey its sort key (a string attribute), if any
 * @param items the items it holds when a run starts
 */
public record Table(String name, String hashKey, Optional<String> rangeKey, List<Map<String, AttributeValue>> items) {

  public Table {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(hashKey, "hashKey");
    items = items.stream().map(Map::copyOf).toList();
    for (Map<String, AttributeValue> item : items) {
      if (!item.containsKey(hashKey) || rangeKey.filter(k -> !item.containsKey(k)).isPresent()) {
        throw new IllegalArgumentException("table " + name + ": item " + item + " lacks its key "
            + hashKey + rangeKey.map(k -> " and " + k).orElse(""));
      }
    }
  }

  /** A table keyed by the string attribute {@code hashKey}. */
  public static Table named(String name, String hashKey) {
    return new Table(name, hashKey, Optional.empty(), List.of());
  }

  public Table withRangeKey(String rangeKey) {
    return new Table(name, hashKey, Optional.of(rangeKey), items);
  }

  /**
   * The table with one more item; values are strings, numbers, booleans, or {@link AttributeValue}s
   * for anything else.
   */
  public Table withItem(Map<String, ?> attributes) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    attributes.forEach((k, v) -> item.put(k, attribute(k, v)));
    List<Map<String, AttributeValue>> more = new ArrayList<>(items);
    more.add(item);
    return new Table(name, hashKey, rangeKey, more);
  }

  private AttributeValue attribute(String key, Object value) {
    return switch (value) {
      case AttributeValue a -> a;
      case String s -> AttributeValue.fromS(s);
      case Number n -> AttributeValue.fromN(n.toString());
      case Boolean b -> AttributeValue.fromBool(b);
      case null, default -> throw new IllegalArgumentException("table " + name + ": attribute " + key + " = " + value
          + " is not a string, number or boolean; pass an AttributeValue");
    };
  }
}
