package dev.ferry.asl;

import java.util.Objects;

/**
 * The value of InputPath, ResultPath or OutputPath: a reference path, or JSON {@code null}, which
 * AWS reads as "nothing": InputPath null gives the state {@code {}}, OutputPath null sends {@code {}}
 * on, and ResultPath null discards the result and passes the state input on.
 */
public sealed interface DataPath {

    record Path(String expression) implements DataPath {
        public Path {
            Objects.requireNonNull(expression, "expression");
        }
    }

    record Null() implements DataPath {}

    static DataPath of(String expression) {
        return new Path(expression);
    }

    static DataPath nullPath() {
        return new Null();
    }
}
