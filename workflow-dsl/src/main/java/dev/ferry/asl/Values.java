package dev.ferry.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Null-safe defensive copies used by the model's compact constructors. */
final class Values {

    private Values() {}

    static <T> Optional<T> optional(Optional<T> value) {
        return value == null ? Optional.empty() : value;
    }

    static Optional<JsonNode> json(Optional<JsonNode> value) {
        return optional(value).map(Values::canonical);
    }

    /**
     * A deep copy whose numbers take the node types {@link AslJson#read} produces (int, long or big
     * integer for whole numbers, exact decimals otherwise), so a model built in code equals the same
     * model read back from its JSON.
     */
    static JsonNode canonical(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> {
                var copy = JsonNodeFactory.instance.objectNode();
                node.properties().forEach(e -> copy.set(e.getKey(), canonical(e.getValue())));
                yield copy;
            }
            case ARRAY -> {
                var copy = JsonNodeFactory.instance.arrayNode(node.size());
                node.forEach(element -> copy.add(canonical(element)));
                yield copy;
            }
            case NUMBER -> number(node);
            default -> node.deepCopy();
        };
    }

    private static JsonNode number(JsonNode node) {
        if (node.isIntegralNumber()) {
            if (node.canConvertToInt()) {
                return IntNode.valueOf(node.intValue());
            }
            return node.canConvertToLong() ? LongNode.valueOf(node.longValue()) : BigIntegerNode.valueOf(node.bigIntegerValue());
        }
        if ((node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
            throw new IllegalArgumentException("JSON has no NaN or infinite numbers; got " + node.doubleValue());
        }
        return DecimalNode.valueOf(node.isBigDecimal() ? node.decimalValue() : new BigDecimal(node.asText()));
    }

    static <T> List<T> list(List<T> value) {
        return value == null ? List.of() : List.copyOf(value);
    }

    /** An unmodifiable copy that keeps the insertion order: ASL writes states in the order given. */
    static Map<String, State> states(Map<String, State> states) {
        Objects.requireNonNull(states, "states");
        var copy = new LinkedHashMap<String, State>();
        states.forEach((name, state) -> copy.put(Objects.requireNonNull(name, "state name"),
                Objects.requireNonNull(state, () -> "state " + name)));
        return Collections.unmodifiableMap(copy);
    }
}
