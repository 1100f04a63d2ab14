package dev.ferry.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Builds the model from a parsed definition, refusing anything that is not ASL. */
final class AslReader {

    private static final Set<String> MACHINE_FIELDS =
            Set.of("Comment", "QueryLanguage", "StartAt", "States", "TimeoutSeconds", "Version");
    private static final Set<String> BRANCH_FIELDS = Set.of("Comment", "StartAt", "States");
    private static final Set<String> PROCESSOR_FIELDS = Set.of("Comment", "ProcessorConfig", "StartAt", "States");
    private static final Set<String> PROCESSOR_CONFIG_FIELDS = Set.of("Mode", "ExecutionType");
    private static final Set<String> RETRIER_FIELDS = Set.of("ErrorEquals", "IntervalSeconds", "MaxAttempts",
            "BackoffRate", "MaxDelaySeconds", "JitterStrategy");
    private static final Set<String> CATCHER_FIELDS = Set.of("ErrorEquals", "Next", "ResultPath", "Output", "Assign");
    private static final Set<String> RULE_FIELDS = Set.of("Next", "Comment", "Assign", "Output");

    private static final Map<String, Set<String>> STATE_FIELDS = Map.of(
            "Pass", Set.of("Type", "Comment", "QueryLanguage", "InputPath", "Parameters", "Result", "ResultPath",
                    "OutputPath", "Output", "Assign", "Next", "End"),
            "Task", Set.of("Type", "Comment", "QueryLanguage", "Resource", "InputPath", "Parameters", "Arguments",
                    "ResultSelector", "ResultPath", "OutputPath", "Output", "Assign", "TimeoutSeconds",
                    "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath", "Credentials", "Retry", "Catch",
                    "Next", "End"),
            "Choice", Set.of("Type", "Comment", "QueryLanguage", "InputPath", "Choices", "Default", "OutputPath",
                    "Output", "Assign"),
            "Wait", Set.of("Type", "Comment", "QueryLanguage", "InputPath", "Seconds", "SecondsPath", "Timestamp",
                    "TimestampPath", "OutputPath", "Output", "Assign", "Next", "End"),
            "Succeed", Set.of("Type", "Comment", "QueryLanguage", "InputPath", "OutputPath", "Output"),
            "Fail", Set.of("Type", "Comment", "QueryLanguage", "Error", "ErrorPath", "Cause", "CausePath"),
            "Parallel", Set.of("Type", "Comment", "QueryLanguage", "Branches", "InputPath", "Parameters", "Arguments",
                    "ResultSelector", "ResultPath", "OutputPath", "Output", "Assign", "Retry", "Catch", "Next", "End"),
            "Map", Set.of("Type", "Comment", "QueryLanguage", "ItemProcessor", "Iterator", "InputPath", "ItemsPath",
                    "Items", "ItemSelector", "Parameters", "ItemReader", "ItemBatcher", "ResultWriter", "Label",
                    "MaxConcurrency", "MaxConcurrencyPath", "ToleratedFailureCount", "ToleratedFailureCountPath",
                    "ToleratedFailurePercentage", "ToleratedFailurePercentagePath", "ResultSelector", "ResultPath",
                    "OutputPath", "Output", "Assign", "Retry", "Catch", "Next", "End"));

    private static final String STATE_TYPES = "Pass, Task, Choice, Wait, Succeed, Fail, Parallel or Map";

    private AslReader() {}

    static StateMachine machine(JsonNode root) {
        var f = new Fields(root, "the state machine", "a state machine", MACHINE_FIELDS);
        return new StateMachine(f.text("Comment"), f.queryLanguage(), f.requiredText("StartAt"),
                states(f, ""), f.integer("TimeoutSeconds"), f.text("Version"));
    }

    private static Map<String, State> states(Fields scope, String prefix) {
        var statesNode = scope.requiredObject("States");
        var states = new LinkedHashMap<String, State>();
        statesNode.properties().forEach(e -> states.put(e.getKey(), state(e.getValue(), prefix + e.getKey())));
        return states;
    }

    private static State state(JsonNode node, String path) {
        var where = "state \"" + path + "\"";
        if (!node.isObject()) {
            throw new AslReadException(where, "", "a state must be a JSON object with a \"Type\"; got "
                    + Fields.describe(node));
        }
        var typeNode = node.get("Type");
        if (typeNode == null || !typeNode.isTextual() || !STATE_FIELDS.containsKey(typeNode.asText())) {
            throw new AslReadException(where, "Type", (typeNode == null ? "is missing" : "is " + typeNode)
                    + "; set it to one of " + STATE_TYPES);
        }
        var type = typeNode.asText();
        var f = new Fields(node, where, "a " + type + " state", STATE_FIELDS.get(type));
        return switch (type) {
            case "Pass" -> new PassState(f.text("Comment"), f.queryLanguage(), f.path("InputPath"),
                    f.json("Parameters"), f.json("Result"), f.path("ResultPath"), f.path("OutputPath"),
                    f.json("Output"), f.json("Assign"), f.text("Next"), f.end());
            case "Task" -> new TaskState(f.text("Comment"), f.queryLanguage(), f.requiredText("Resource"),
                    f.path("InputPath"), f.json("Parameters"), f.json("Arguments"), f.json("ResultSelector"),
                    f.path("ResultPath"), f.path("OutputPath"), f.json("Output"), f.json("Assign"),
                    f.numeric("TimeoutSeconds"), f.text("TimeoutSecondsPath"), f.numeric("HeartbeatSeconds"),
                    f.text("HeartbeatSecondsPath"), f.json("Credentials"), retry(f), catchers(f), f.text("Next"),
                    f.end());
            case "Choice" -> new ChoiceState(f.text("Comment"), f.queryLanguage(), f.path("InputPath"),
                    choices(f), f.text("Default"), f.path("OutputPath"), f.json("Output"), f.json("Assign"));
            case "Wait" -> new WaitState(f.text("Comment"), f.queryLanguage(), f.path("InputPath"),
                    f.numeric("Seconds"), f.text("SecondsPath"), f.text("Timestamp"), f.text("TimestampPath"),
                    f.path("OutputPath"), f.json("Output"), f.json("Assign"), f.text("Next"), f.end());
            case "Succeed" -> new SucceedState(f.text("Comment"), f.queryLanguage(), f.path("InputPath"),
                    f.path("OutputPath"), f.json("Output"));
            case "Fail" -> new FailState(f.text("Comment"), f.queryLanguage(), f.text("Error"), f.text("ErrorPath"),
                    f.text("Cause"), f.text("CausePath"));
            case "Parallel" -> new ParallelState(f.text("Comment"), f.queryLanguage(), branches(f, path),
                    f.path("InputPath"), f.json("Parameters"), f.json("Arguments"), f.json("ResultSelector"),
                    f.path("ResultPath"), f.path("OutputPath"), f.json("Output"), f.json("Assign"), retry(f),
                    catchers(f), f.text("Next"), f.end());
            case "Map" -> new MapState(f.text("Comment"), f.queryLanguage(),
                    processor(f, "ItemProcessor", path), processor(f, "Iterator", path), f.path("InputPath"),
                    f.text("ItemsPath"), f.json("Items"), f.json("ItemSelector"), f.json("Parameters"),
                    f.json("ItemReader"), f.json("ItemBatcher"), f.json("ResultWriter"), f.text("Label"),
                    f.numeric("MaxConcurrency"), f.text("MaxConcurrencyPath"), f.numeric("ToleratedFailureCount"),
                    f.text("ToleratedFailureCountPath"), f.numeric("ToleratedFailurePercentage"),
                    f.text("ToleratedFailurePercentagePath"), f.json("ResultSelector"), f.path("ResultPath"),
                    f.path("OutputPath"), f.json("Output"), f.json("Assign"), retry(f), catchers(f),
                    f.text("Next"), f.end());
            default -> throw new IllegalStateException("unhandled state type " + type);
        };
    }

    private static List<Branch> branches(Fields state, String path) {
        var array = state.requiredArray("Branches");
        var branches = new ArrayList<Branch>();
        for (int i = 0; i < array.size(); i++) {
            var prefix = path + "/Branches[" + i + "]/";
            var f = new Fields(array.get(i), "branch " + i + " of state \"" + path + "\"", "a Parallel branch",
                    BRANCH_FIELDS);
            branches.add(new Branch(f.text("Comment"), f.requiredText("StartAt"), states(f, prefix)));
        }
        return branches;
    }

    private static Optional<ItemProcessor> processor(Fields state, String field, String path) {
        return state.object(field).map(node -> {
            var f = new Fields(node, field + " of state \"" + path + "\"", "an " + field, PROCESSOR_FIELDS);
            var config = f.object("ProcessorConfig").map(c -> {
                var cf = new Fields(c, "ProcessorConfig of state \"" + path + "\"", "a ProcessorConfig",
                        PROCESSOR_CONFIG_FIELDS);
                return new ProcessorConfig(cf.enumValue("Mode", ProcessorConfig.Mode.class),
                        cf.enumValue("ExecutionType", ProcessorConfig.ExecutionType.class));
            });
            return new ItemProcessor(f.text("Comment"), config, f.requiredText("StartAt"),
                    states(f, path + "/" + field + "/"));
        });
    }

    private static List<Retrier> retry(Fields state) {
        return state.list("Retry", (item, where) -> {
            var f = new Fields(item, where, "a retrier", RETRIER_FIELDS);
            return new Retrier(f.strings("ErrorEquals"), f.integer("IntervalSeconds"), f.integer("MaxAttempts"),
                    f.decimal("BackoffRate"), f.integer("MaxDelaySeconds"),
                    f.enumValue("JitterStrategy", JitterStrategy.class));
        });
    }

    private static List<Catcher> catchers(Fields state) {
        return state.list("Catch", (item, where) -> {
            var f = new Fields(item, where, "a catcher", CATCHER_FIELDS);
            return new Catcher(f.strings("ErrorEquals"), f.requiredText("Next"), f.path("ResultPath"),
                    f.json("Output"), f.json("Assign"));
        });
    }

    private static List<ChoiceRule> choices(Fields state) {
        return state.list("Choices", (item, where) -> {
            var f = new Fields(item, where, "a choice rule", null);
            var condition = condition(item, where, RULE_FIELDS);
            return new ChoiceRule(condition, f.requiredText("Next"), f.text("Comment"), f.json("Assign"),
                    f.json("Output"));
        });
    }

    private static Condition condition(JsonNode node, String where, Set<String> ruleFields) {
        if (!node.isObject()) {
            throw new AslReadException(where, "", "a choice rule must be a JSON object; got " + Fields.describe(node));
        }
        var keys = new ArrayList<String>();
        node.fieldNames().forEachRemaining(k -> {
            if (!ruleFields.contains(k)) {
                keys.add(k);
            }
        });
        var f = new Fields(node, where, "a choice rule", null);
        if (keys.contains("Condition")) {
            onlyKey(keys, "Condition", where);
            var value = node.get("Condition");
            if (!value.isTextual() && !value.isBoolean()) {
                throw new AslReadException(where, "Condition", "must be a JSONata expression string \"{% ... %}\" "
                        + "or true/false; got " + Fields.describe(value));
            }
            return new Condition.Jsonata(value);
        }
        if (keys.contains("And") || keys.contains("Or")) {
            var op = keys.contains("And") ? "And" : "Or";
            onlyKey(keys, op, where);
            var nested = f.list(op, (item, itemWhere) -> condition(item, itemWhere, Set.of()));
            if (nested.isEmpty()) {
                throw new AslReadException(where, op, "is empty; list at least one rule");
            }
            return op.equals("And") ? new Condition.And(nested) : new Condition.Or(nested);
        }
        if (keys.contains("Not")) {
            onlyKey(keys, "Not", where);
            return new Condition.Not(condition(f.requiredObject("Not"), where + ".Not", Set.of()));
        }
        if (!keys.contains("Variable")) {
            throw new AslReadException(where, "", "has no condition: give \"Variable\" with a comparison such as "
                    + "\"StringEquals\", or \"And\", \"Or\", \"Not\", or a JSONata \"Condition\"");
        }
        var operators = keys.stream().filter(k -> !k.equals("Variable")).toList();
        if (operators.size() != 1 || ComparisonOperator.fromJson(operators.get(0)).isEmpty()) {
            var unknown = operators.stream().filter(k -> ComparisonOperator.fromJson(k).isEmpty()).toList();
            throw new AslReadException(where, unknown.isEmpty() ? "" : unknown.get(0),
                    (unknown.isEmpty() ? "has " + operators.size() + " comparisons " + operators
                            : "is not a comparison operator")
                            + "; a data-test rule has \"Variable\" and exactly one comparison such as "
                            + "\"StringEquals\", \"NumericLessThan\", \"IsPresent\" (see the ASL Choice rules)");
        }
        var operator = ComparisonOperator.fromJson(operators.get(0)).orElseThrow();
        var value = node.get(operator.jsonName());
        var ok = switch (operator.operand()) {
            case STRING, TIMESTAMP, PATH -> value.isTextual();
            case NUMBER -> value.isNumber();
            case BOOLEAN -> value.isBoolean();
        };
        if (!ok) {
            throw new AslReadException(where, operator.jsonName(), "must be "
                    + switch (operator.operand()) {
                        case STRING -> "a string";
                        case TIMESTAMP -> "an ISO-8601 timestamp string";
                        case PATH -> "a path string such as \"$.field\"";
                        case NUMBER -> "a number";
                        case BOOLEAN -> "true or false";
                    } + "; got " + Fields.describe(value));
        }
        return new Condition.DataTest(f.requiredText("Variable"), operator, value);
    }

    private static void onlyKey(List<String> keys, String key, String where) {
        var others = keys.stream().filter(k -> !k.equals(key)).toList();
        if (!others.isEmpty()) {
            throw new AslReadException(where, others.get(0), "cannot stand beside \"" + key
                    + "\" in one choice rule; nest the tests under \"And\"/\"Or\" or remove the field");
        }
    }

    /** Typed access to one JSON object's fields, with errors that name the object and the field. */
    private static final class Fields {
        private final ObjectNode node;
        private final String where;

        Fields(JsonNode node, String where, String what, Set<String> allowed) {
            if (!node.isObject()) {
                throw new AslReadException(where, "", what + " must be a JSON object; got " + describe(node));
            }
            this.node = (ObjectNode) node;
            this.where = where;
            if (allowed != null) {
                node.fieldNames().forEachRemaining(name -> {
                    if (!allowed.contains(name)) {
                        throw new AslReadException(where, name, "is not a field of " + what + " (allowed: "
                                + String.join(", ", allowed.stream().sorted().toList())
                                + "); remove it or fix its spelling");
                    }
                });
            }
        }

        static String describe(JsonNode value) {
            var text = value.toString();
            var shown = text.length() > 60 ? text.substring(0, 57) + "..." : text;
            return switch (value.getNodeType()) {
                case STRING -> "the string " + shown;
                case NUMBER -> "the number " + shown;
                case BOOLEAN -> shown;
                case NULL -> "null";
                case ARRAY -> "an array " + shown;
                case OBJECT -> "an object " + shown;
                default -> shown;
            };
        }

        private AslReadException wrong(String field, String expected) {
            return new AslReadException(where, field, "must be " + expected + "; got " + describe(node.get(field)));
        }

        Optional<String> text(String field) {
            var value = node.get(field);
            if (value == null) {
                return Optional.empty();
            }
            if (!value.isTextual()) {
                throw wrong(field, "a string");
            }
            return Optional.of(value.asText());
        }

        String requiredText(String field) {
            return text(field).orElseThrow(() -> new AslReadException(where, field, "is missing; add it"));
        }

        Optional<DataPath> path(String field) {
            var value = node.get(field);
            if (value == null) {
                return Optional.empty();
            }
            if (value.isNull()) {
                return Optional.of(DataPath.nullPath());
            }
            if (!value.isTextual()) {
                throw wrong(field, "a path string such as \"$.field\", or null");
            }
            return Optional.of(DataPath.of(value.asText()));
        }

        Optional<JsonNode> json(String field) {
            return Optional.ofNullable(node.get(field));
        }

        Optional<ObjectNode> object(String field) {
            var value = node.get(field);
            if (value == null) {
                return Optional.empty();
            }
            if (!value.isObject()) {
                throw wrong(field, "a JSON object");
            }
            return Optional.of((ObjectNode) value);
        }

        ObjectNode requiredObject(String field) {
            return object(field).orElseThrow(() -> new AslReadException(where, field, "is missing; add it"));
        }

        ArrayNode requiredArray(String field) {
            var value = node.get(field);
            if (value == null) {
                throw new AslReadException(where, field, "is missing; add it");
            }
            if (!value.isArray()) {
                throw wrong(field, "an array");
            }
            return (ArrayNode) value;
        }

        <T> List<T> list(String field, ItemReader<T> reader) {
            if (node.get(field) == null) {
                return List.of();
            }
            var array = requiredArray(field);
            var items = new ArrayList<T>();
            for (int i = 0; i < array.size(); i++) {
                items.add(reader.read(array.get(i), where + " " + field + "[" + i + "]"));
            }
            return items;
        }

        List<String> strings(String field) {
            var array = requiredArray(field);
            var values = new ArrayList<String>();
            array.forEach(item -> {
                if (!item.isTextual()) {
                    throw new AslReadException(where, field, "must list error names as strings; got "
                            + describe(item));
                }
                values.add(item.asText());
            });
            return values;
        }

        Optional<Integer> integer(String field) {
            var value = node.get(field);
            if (value == null) {
                return Optional.empty();
            }
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                throw wrong(field, "a whole number");
            }
            return Optional.of(value.intValue());
        }

        Optional<BigDecimal> decimal(String field) {
            var value = node.get(field);
            if (value == null) {
                return Optional.empty();
            }
            if (!value.isNumber()) {
                throw wrong(field, "a number");
            }
            return Optional.of(value.decimalValue());
        }

        Optional<NumericValue> numeric(String field) {
            var value = node.get(field);
            if (value == null) {
                return Optional.empty();
            }
            if (value.isNumber()) {
                return Optional.of(NumericValue.of(value.decimalValue()));
            }
            var text = value.asText().strip();
            if (value.isTextual() && text.startsWith("{%") && text.endsWith("%}")) {
                return Optional.of(NumericValue.jsonata(value.asText()));
            }
            throw wrong(field, "a number, or a JSONata expression string \"{% ... %}\"");
        }

        boolean end() {
            var value = node.get("End");
            if (value == null) {
                return false;
            }
            if (!value.isBoolean()) {
                throw wrong("End", "true or false");
            }
            return value.booleanValue();
        }

        Optional<QueryLanguage> queryLanguage() {
            return text("QueryLanguage").map(name -> QueryLanguage.fromJson(name).orElseThrow(
                    () -> new AslReadException(where, "QueryLanguage", "is \"" + name
                            + "\"; use \"JSONPath\" or \"JSONata\"")));
        }

        <E extends Enum<E>> Optional<E> enumValue(String field, Class<E> type) {
            return text(field).map(name -> {
                for (var constant : type.getEnumConstants()) {
                    if (constant.name().equals(name)) {
                        return constant;
                    }
                }
                throw new AslReadException(where, field, "is \"" + name + "\"; use one of "
                        + String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()));
            });
        }
    }

    @FunctionalInterface
    private interface ItemReader<T> {
        T read(JsonNode item, String where);
    }
}
