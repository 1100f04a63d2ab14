package dev.ferry.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Objects;

/**
 * The boolean expression of a Choice rule: a JSONPath data test, a combination of them with
 * {@code And}/{@code Or}/{@code Not}, or a JSONata {@code Condition}. The transition ({@code Next})
 * belongs to the enclosing {@link ChoiceRule}.
 */
public sealed interface Condition {

    /** {@code "Variable": variable, "<operator>": value}. */
    record DataTest(String variable, ComparisonOperator operator, JsonNode value) implements Condition {
        public DataTest {
            Objects.requireNonNull(variable, "variable");
            Objects.requireNonNull(operator, "operator");
            value = Values.canonical(Objects.requireNonNull(value, "value"));
        }
    }

    record And(List<Condition> conditions) implements Condition {
        public And {
            conditions = List.copyOf(conditions);
        }
    }

    record Or(List<Condition> conditions) implements Condition {
        public Or {
            conditions = List.copyOf(conditions);
        }
    }

    record Not(Condition condition) implements Condition {
        public Not {
            Objects.requireNonNull(condition, "condition");
        }
    }

    /**
     * A JSONata {@code Condition}: an expression string including its {@code {% %}} delimiters, or a
     * constant {@code true}/{@code false}.
     */
    record Jsonata(JsonNode condition) implements Condition {
        public Jsonata {
            Objects.requireNonNull(condition, "condition");
            if (!condition.isTextual() && !condition.isBoolean()) {
                throw new IllegalArgumentException("a JSONata Condition is an expression string or a boolean; got "
                        + condition);
            }
        }
    }

    static Condition test(String variable, ComparisonOperator operator, JsonNode value) {
        return new DataTest(variable, operator, value);
    }

    static Condition stringEquals(String variable, String value) {
        return test(variable, ComparisonOperator.STRING_EQUALS, TextNode.valueOf(value));
    }

    static Condition stringMatches(String variable, String pattern) {
        return test(variable, ComparisonOperator.STRING_MATCHES, TextNode.valueOf(pattern));
    }

    static Condition numericEquals(String variable, long value) {
        return test(variable, ComparisonOperator.NUMERIC_EQUALS, LongNode.valueOf(value));
    }

    static Condition numericLessThan(String variable, long value) {
        return test(variable, ComparisonOperator.NUMERIC_LESS_THAN, LongNode.valueOf(value));
    }

    static Condition numericGreaterThanEquals(String variable, long value) {
        return test(variable, ComparisonOperator.NUMERIC_GREATER_THAN_EQUALS,
                LongNode.valueOf(value));
    }

    static Condition booleanEquals(String variable, boolean value) {
        return test(variable, ComparisonOperator.BOOLEAN_EQUALS, BooleanNode.valueOf(value));
    }

    static Condition isPresent(String variable, boolean present) {
        return test(variable, ComparisonOperator.IS_PRESENT, BooleanNode.valueOf(present));
    }

    static Condition isNull(String variable, boolean isNull) {
        return test(variable, ComparisonOperator.IS_NULL, BooleanNode.valueOf(isNull));
    }

    /** Compares {@code variable} with the value at {@code path} using a {@code ...Path} operator. */
    static Condition testPath(String variable, ComparisonOperator pathOperator, String path) {
        return test(variable, pathOperator, TextNode.valueOf(path));
    }

    static Condition and(Condition... conditions) {
        return new And(List.of(conditions));
    }

    static Condition or(Condition... conditions) {
        return new Or(List.of(conditions));
    }

    static Condition not(Condition condition) {
        return new Not(condition);
    }

    static Condition jsonata(String expression) {
        return new Jsonata(TextNode.valueOf(expression));
    }
}
