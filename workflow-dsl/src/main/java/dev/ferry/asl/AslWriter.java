package dev.ferry.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the model into a JSON tree with a fixed field order: Type, Comment, QueryLanguage, the
 * state's own fields, input/output processing, error handling, then Next/End. Absent fields are left out.
 */
final class AslWriter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AslWriter() {}

    static ObjectNode machine(StateMachine machine) {
        var node = NODES.objectNode();
        text(node, "Comment", machine.comment());
        machine.queryLanguage().ifPresent(q -> node.put("QueryLanguage", q.jsonName()));
        node.put("StartAt", machine.startAt());
        node.set("States", states(machine.states()));
        machine.timeoutSeconds().ifPresent(t -> node.put("TimeoutSeconds", t));
        text(node, "Version", machine.version());
        return node;
    }

    private static ObjectNode states(Map<String, State> states) {
        var node = NODES.objectNode();
        states.forEach((name, state) -> node.set(name, state(state)));
        return node;
    }

    private static ObjectNode branch(Branch branch) {
        var node = NODES.objectNode();
        text(node, "Comment", branch.comment());
        node.put("StartAt", branch.startAt());
        node.set("States", states(branch.states()));
        return node;
    }

    private static ObjectNode processor(ItemProcessor processor) {
        var node = NODES.objectNode();
        text(node, "Comment", processor.comment());
        processor.processorConfig().ifPresent(config -> {
            var c = node.putObject("ProcessorConfig");
            config.mode().ifPresent(m -> c.put("Mode", m.name()));
            config.executionType().ifPresent(e -> c.put("ExecutionType", e.name()));
        });
        node.put("StartAt", processor.startAt());
        node.set("States", states(processor.states()));
        return node;
    }

    static ObjectNode state(State state) {
        var node = NODES.objectNode();
        node.put("Type", state.type());
        text(node, "Comment", state.comment());
        state.queryLanguage().ifPresent(q -> node.put("QueryLanguage", q.jsonName()));
        switch (state) {
            case PassState s -> {
                path(node, "InputPath", s.inputPath());
                json(node, "Parameters", s.parameters());
                json(node, "Result", s.result());
                path(node, "ResultPath", s.resultPath());
                path(node, "OutputPath", s.outputPath());
                json(node, "Output", s.output());
                json(node, "Assign", s.assign());
                transition(node, s.next(), s.end());
            }
            case TaskState s -> {
                node.put("Resource", s.resource());
                path(node, "InputPath", s.inputPath());
                json(node, "Parameters", s.parameters());
                json(node, "Arguments", s.arguments());
                json(node, "ResultSelector", s.resultSelector());
                path(node, "ResultPath", s.resultPath());
                path(node, "OutputPath", s.outputPath());
                json(node, "Output", s.output());
                json(node, "Assign", s.assign());
                number(node, "TimeoutSeconds", s.timeoutSeconds());
                text(node, "TimeoutSecondsPath", s.timeoutSecondsPath());
                number(node, "HeartbeatSeconds", s.heartbeatSeconds());
                text(node, "HeartbeatSecondsPath", s.heartbeatSecondsPath());
                json(node, "Credentials", s.credentials());
                errorHandling(node, s.retry(), s.catchers());
                transition(node, s.next(), s.end());
            }
            case ChoiceState s -> {
                path(node, "InputPath", s.inputPath());
                var choices = node.putArray("Choices");
                s.choices().forEach(rule -> choices.add(choiceRule(rule)));
                text(node, "Default", s.defaultState());
                path(node, "OutputPath", s.outputPath());
                json(node, "Output", s.output());
                json(node, "Assign", s.assign());
            }
            case WaitState s -> {
                path(node, "InputPath", s.inputPath());
                number(node, "Seconds", s.seconds());
                text(node, "SecondsPath", s.secondsPath());
                text(node, "Timestamp", s.timestamp());
                text(node, "TimestampPath", s.timestampPath());
                path(node, "OutputPath", s.outputPath());
                json(node, "Output", s.output());
                json(node, "Assign", s.assign());
                transition(node, s.next(), s.end());
            }
            case SucceedState s -> {
                path(node, "InputPath", s.inputPath());
                path(node, "OutputPath", s.outputPath());
                json(node, "Output", s.output());
            }
            case FailState s -> {
                text(node, "Error", s.error());
                text(node, "ErrorPath", s.errorPath());
                text(node, "Cause", s.cause());
                text(node, "CausePath", s.causePath());
            }
            case ParallelState s -> {
                var branches = node.putArray("Branches");
                s.branches().forEach(b -> branches.add(branch(b)));
                path(node, "InputPath", s.inputPath());
                json(node, "Parameters", s.parameters());
                json(node, "Arguments", s.arguments());
                json(node, "ResultSelector", s.resultSelector());
                path(node, "ResultPath", s.resultPath());
                path(node, "OutputPath", s.outputPath());
                json(node, "Output", s.output());
                json(node, "Assign", s.assign());
                errorHandling(node, s.retry(), s.catchers());
                transition(node, s.next(), s.end());
            }
            case MapState s -> {
                s.itemProcessor().ifPresent(p -> node.set("ItemProcessor", processor(p)));
                s.iterator().ifPresent(p -> node.set("Iterator", processor(p)));
                path(node, "InputPath", s.inputPath());
                text(node, "ItemsPath", s.itemsPath());
                json(node, "Items", s.items());
                json(node, "ItemSelector", s.itemSelector());
                json(node, "Parameters", s.parameters());
                json(node, "ItemReader", s.itemReader());
                json(node, "ItemBatcher", s.itemBatcher());
                json(node, "ResultWriter", s.resultWriter());
                text(node, "Label", s.label());
                number(node, "MaxConcurrency", s.maxConcurrency());
                text(node, "MaxConcurrencyPath", s.maxConcurrencyPath());
                number(node, "ToleratedFailureCount", s.toleratedFailureCount());
                text(node, "ToleratedFailureCountPath", s.toleratedFailureCountPath());
                number(node, "ToleratedFailurePercentage", s.toleratedFailurePercentage());
                text(node, "ToleratedFailurePercentagePath", s.toleratedFailurePercentagePath());
                json(node, "ResultSelector", s.resultSelector());
                path(node, "ResultPath", s.resultPath());
                path(node, "OutputPath", s.outputPath());
                json(node, "Output", s.output());
                json(node, "Assign", s.assign());
                errorHandling(node, s.retry(), s.catchers());
                transition(node, s.next(), s.end());
            }
        }
        return node;
    }

    private static ObjectNode choiceRule(ChoiceRule rule) {
        var node = condition(rule.condition());
        text(node, "Comment", rule.comment());
        json(node, "Assign", rule.assign());
        json(node, "Output", rule.output());
        node.put("Next", rule.next());
        return node;
    }

    private static ObjectNode condition(Condition condition) {
        var node = NODES.objectNode();
        switch (condition) {
            case Condition.DataTest t -> {
                node.put("Variable", t.variable());
                node.set(t.operator().jsonName(), t.value());
            }
            case Condition.And and -> node.set("And", conditions(and.conditions()));
            case Condition.Or or -> node.set("Or", conditions(or.conditions()));
            case Condition.Not not -> node.set("Not", condition(not.condition()));
            case Condition.Jsonata j -> node.set("Condition", j.condition());
        }
        return node;
    }

    private static ArrayNode conditions(List<Condition> conditions) {
        var array = NODES.arrayNode();
        conditions.forEach(c -> array.add(condition(c)));
        return array;
    }

    private static void errorHandling(ObjectNode node, List<Retrier> retry, List<Catcher> catchers) {
        if (!retry.isEmpty()) {
            var array = node.putArray("Retry");
            retry.forEach(r -> {
                var item = array.addObject();
                item.set("ErrorEquals", strings(r.errorEquals()));
                r.intervalSeconds().ifPresent(v -> item.put("IntervalSeconds", v));
                r.maxAttempts().ifPresent(v -> item.put("MaxAttempts", v));
                r.backoffRate().ifPresent(v -> item.set("BackoffRate", DecimalNode.valueOf(v)));
                r.maxDelaySeconds().ifPresent(v -> item.put("MaxDelaySeconds", v));
                r.jitterStrategy().ifPresent(v -> item.put("JitterStrategy", v.name()));
            });
        }
        if (!catchers.isEmpty()) {
            var array = node.putArray("Catch");
            catchers.forEach(c -> {
                var item = array.addObject();
                item.set("ErrorEquals", strings(c.errorEquals()));
                path(item, "ResultPath", c.resultPath());
                json(item, "Output", c.output());
                json(item, "Assign", c.assign());
                item.put("Next", c.next());
            });
        }
    }

    private static ArrayNode strings(List<String> values) {
        var array = NODES.arrayNode();
        values.forEach(array::add);
        return array;
    }

    private static void transition(ObjectNode node, Optional<String> next, boolean end) {
        next.ifPresent(n -> node.put("Next", n));
        if (end) {
            node.put("End", true);
        }
    }

    private static void text(ObjectNode node, String field, Optional<String> value) {
        value.ifPresent(v -> node.put(field, v));
    }

    private static void json(ObjectNode node, String field, Optional<JsonNode> value) {
        value.ifPresent(v -> node.set(field, v));
    }

    private static void path(ObjectNode node, String field, Optional<DataPath> value) {
        value.ifPresent(v -> node.set(field, switch (v) {
            case DataPath.Path p -> TextNode.valueOf(p.expression());
            case DataPath.Null n -> NullNode.getInstance();
        }));
    }

    private static void number(ObjectNode node, String field, Optional<NumericValue> value) {
        value.ifPresent(v -> node.set(field, switch (v) {
            case NumericValue.Literal l -> DecimalNode.valueOf(l.value());
            case NumericValue.Jsonata j -> TextNode.valueOf(j.expression());
        }));
    }
}
