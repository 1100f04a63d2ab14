package dev.ferry.asl;

import java.util.Map;
import java.util.Objects;

/** Shared by the scope builders. */
final class Scopes {

    private Scopes() {}

    static void put(Map<String, State> states, String name, State state) {
        Objects.requireNonNull(name, "state name");
        Objects.requireNonNull(state, () -> "state " + name);
        if (states.putIfAbsent(name, state) != null) {
            throw new IllegalArgumentException("state \"" + name + "\" is added twice to the same States; "
                    + "give each state its own name");
        }
    }
}
