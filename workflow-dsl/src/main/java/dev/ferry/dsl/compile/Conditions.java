package dev.ferry.dsl.compile;

import com.fasterxml.jackson.databind.node.LongNode;
import dev.ferry.asl.ComparisonOperator;
import dev.ferry.dsl.Condition;
import java.util.List;

/** DSL conditions and the compiler's own type tests as Choice conditions. */
final class Conditions {
  private Conditions() {}

  static dev.ferry.asl.Condition present(String path) {
    return dev.ferry.asl.Condition.isPresent(path, true);
  }

  static dev.ferry.asl.Condition type(String path, ComparisonOperator op) {
    return dev.ferry.asl.Condition.test(path, op, Json.F.booleanNode(true));
  }

  /** The value at {@code path} is a string, number, boolean or null: not an object or array. */
  static dev.ferry.asl.Condition scalar(String path) {
    return dev.ferry.asl.Condition.or(type(path, ComparisonOperator.IS_STRING),
        type(path, ComparisonOperator.IS_NUMERIC), type(path, ComparisonOperator.IS_BOOLEAN),
        type(path, ComparisonOperator.IS_NULL));
  }

  static dev.ferry.asl.Condition hasType(String path, ResultChecks.Need need) {
    return switch (need) {
      case PRESENT -> present(path);
      case SCALAR -> scalar(path);
      case STRING -> type(path, ComparisonOperator.IS_STRING);
      case NUMBER -> type(path, ComparisonOperator.IS_NUMERIC);
      case BOOLEAN -> type(path, ComparisonOperator.IS_BOOLEAN);
    };
  }

  static dev.ferry.asl.Condition all(List<Condition> conditions, String resultBase, String versionsBase) {
    List<dev.ferry.asl.Condition> out = conditions.stream().map(c -> condition(c, resultBase, versionsBase)).toList();
    return out.size() == 1 ? out.getFirst() : new dev.ferry.asl.Condition.And(out);
  }

  /**
   * A DSL condition on a result at {@code resultBase} as a Choice condition; the field was proved
   * present and of the compared type by earlier rules.
   */
  static dev.ferry.asl.Condition condition(Condition c, String resultBase, String versionsBase) {
    String var = resultBase + "." + c.field();
    return switch (c) {
      case Condition.FieldEquals e -> switch (e.value()) {
        case String str -> dev.ferry.asl.Condition.stringEquals(var, str);
        case Boolean b -> dev.ferry.asl.Condition.booleanEquals(var, b);
        case Number num -> dev.ferry.asl.Condition.test(var, ComparisonOperator.NUMERIC_EQUALS, Json.node(num));
        default -> throw new IllegalStateException("unsupported value " + e.value());
      };
      case Condition.IsTrue t -> dev.ferry.asl.Condition.booleanEquals(var, true);
      case Condition.VersionAtLeast v -> versionAtLeast(versionsBase + "." + versionKey(v.field()), v.components(), 0);
    };
  }

  static String versionKey(String field) {
    return field.replaceAll("[^A-Za-z0-9]", "_");
  }

  private static dev.ferry.asl.Condition versionAtLeast(String base, int[] floor, int i) {
    String part = base + "." + new String[] {"major", "minor", "patch"}[i];
    if (i == floor.length - 1) {
      return dev.ferry.asl.Condition.numericGreaterThanEquals(part, floor[i]);
    }
    return dev.ferry.asl.Condition.or(
        dev.ferry.asl.Condition.test(part, ComparisonOperator.NUMERIC_GREATER_THAN, LongNode.valueOf(floor[i])),
        dev.ferry.asl.Condition.and(dev.ferry.asl.Condition.numericEquals(part, floor[i]), versionAtLeast(base, floor, i + 1)));
  }
}
