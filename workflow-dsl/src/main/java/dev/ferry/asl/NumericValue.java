package dev.ferry.asl;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A numeric field that JSONPath states write as a number and JSONata states may also write as an
 * expression ({@code "{% $timeout %}"}): TimeoutSeconds, HeartbeatSeconds, Wait Seconds,
 * MaxConcurrency, ToleratedFailureCount and ToleratedFailurePercentage.
 */
public sealed interface NumericValue {

    /** A number as written; {@link BigDecimal} keeps its exact spelling (2 and 2.0 stay apart). */
    record Literal(BigDecimal value) implements NumericValue {
        public Literal {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A JSONata expression, including its {@code {% %}} delimiters. */
    record Jsonata(String expression) implements NumericValue {
        public Jsonata {
            Objects.requireNonNull(expression, "expression");
        }
    }

    static NumericValue of(long value) {
        return new Literal(BigDecimal.valueOf(value));
    }

    static NumericValue of(BigDecimal value) {
        return new Literal(value);
    }

    static NumericValue jsonata(String expression) {
        return new Jsonata(expression);
    }
}
