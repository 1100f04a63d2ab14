package dev.ferry.asl;

import java.util.Arrays;
import java.util.Optional;

/**
 * The data-test operators of a JSONPath Choice rule. Each compares the rule's {@code Variable} with a
 * literal of its {@link Operand} kind, or, for the {@code ...Path} variants, with the value at a path.
 */
public enum ComparisonOperator {
    STRING_EQUALS("StringEquals", Operand.STRING),
    STRING_EQUALS_PATH("StringEqualsPath", Operand.PATH),
    STRING_LESS_THAN("StringLessThan", Operand.STRING),
    STRING_LESS_THAN_PATH("StringLessThanPath", Operand.PATH),
    STRING_GREATER_THAN("StringGreaterThan", Operand.STRING),
    STRING_GREATER_THAN_PATH("StringGreaterThanPath", Operand.PATH),
    STRING_LESS_THAN_EQUALS("StringLessThanEquals", Operand.STRING),
    STRING_LESS_THAN_EQUALS_PATH("StringLessThanEqualsPath", Operand.PATH),
    STRING_GREATER_THAN_EQUALS("StringGreaterThanEquals", Operand.STRING),
    STRING_GREATER_THAN_EQUALS_PATH("StringGreaterThanEqualsPath", Operand.PATH),
    STRING_MATCHES("StringMatches", Operand.STRING),
    NUMERIC_EQUALS("NumericEquals", Operand.NUMBER),
    NUMERIC_EQUALS_PATH("NumericEqualsPath", Operand.PATH),
    NUMERIC_LESS_THAN("NumericLessThan", Operand.NUMBER),
    NUMERIC_LESS_THAN_PATH("NumericLessThanPath", Operand.PATH),
    NUMERIC_GREATER_THAN("NumericGreaterThan", Operand.NUMBER),
    NUMERIC_GREATER_THAN_PATH("NumericGreaterThanPath", Operand.PATH),
    NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", Operand.NUMBER),
    NUMERIC_LESS_THAN_EQUALS_PATH("NumericLessThanEqualsPath", Operand.PATH),
    NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", Operand.NUMBER),
    NUMERIC_GREATER_THAN_EQUALS_PATH("NumericGreaterThanEqualsPath", Operand.PATH),
    BOOLEAN_EQUALS("BooleanEquals", Operand.BOOLEAN),
    BOOLEAN_EQUALS_PATH("BooleanEqualsPath", Operand.PATH),
    TIMESTAMP_EQUALS("TimestampEquals", Operand.TIMESTAMP),
    TIMESTAMP_EQUALS_PATH("TimestampEqualsPath", Operand.PATH),
    TIMESTAMP_LESS_THAN("TimestampLessThan", Operand.TIMESTAMP),
    TIMESTAMP_LESS_THAN_PATH("TimestampLessThanPath", Operand.PATH),
    TIMESTAMP_GREATER_THAN("TimestampGreaterThan", Operand.TIMESTAMP),
    TIMESTAMP_GREATER_THAN_PATH("TimestampGreaterThanPath", Operand.PATH),
    TIMESTAMP_LESS_THAN_EQUALS("TimestampLessThanEquals", Operand.TIMESTAMP),
    TIMESTAMP_LESS_THAN_EQUALS_PATH("TimestampLessThanEqualsPath", Operand.PATH),
    TIMESTAMP_GREATER_THAN_EQUALS("TimestampGreaterThanEquals", Operand.TIMESTAMP),
    TIMESTAMP_GREATER_THAN_EQUALS_PATH("TimestampGreaterThanEqualsPath", Operand.PATH),
    IS_NULL("IsNull", Operand.BOOLEAN),
    IS_PRESENT("IsPresent", Operand.BOOLEAN),
    IS_NUMERIC("IsNumeric", Operand.BOOLEAN),
    IS_STRING("IsString", Operand.BOOLEAN),
    IS_BOOLEAN("IsBoolean", Operand.BOOLEAN),
    IS_TIMESTAMP("IsTimestamp", Operand.BOOLEAN);

    /** The JSON type an operator's operand must have. */
    public enum Operand {
        STRING,
        NUMBER,
        BOOLEAN,
        /** An ISO-8601 timestamp string. */
        TIMESTAMP,
        /** A reference path ({@code $.x}, {@code $$.x} or {@code $var}) to the value to compare with. */
        PATH
    }

    private final String jsonName;
    private final Operand operand;

    ComparisonOperator(String jsonName, Operand operand) {
        this.jsonName = jsonName;
        this.operand = operand;
    }

    public String jsonName() {
        return jsonName;
    }

    public Operand operand() {
        return operand;
    }

    public static Optional<ComparisonOperator> fromJson(String name) {
        return Arrays.stream(values()).filter(o -> o.jsonName.equals(name)).findFirst();
    }
}
