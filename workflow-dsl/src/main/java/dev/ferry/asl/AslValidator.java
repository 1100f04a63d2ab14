package dev.ferry.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Structural checks on a definition, the ones AWS applies when a machine is created: transitions
 * that land, reachable states, well-formed Retry/Catch, limits on names, timeouts and size, and
 * fields that fit the state's query language. Returns every problem found, in definition order.
 */
public final class AslValidator {

    /** The largest definition AWS Step Functions accepts, in characters. */
    public static final int MAX_DEFINITION_CHARS = 1_048_576;

    /** The longest state name AWS Step Functions accepts. */
    public static final int MAX_STATE_NAME_LENGTH = 80;

    private static final String ALL_ERRORS = "States.ALL";

    private final StateMachine machine;
    private final List<AslProblem> problems = new ArrayList<>();
    private final Map<String, String> firstPathOfName = new HashMap<>();

    private AslValidator(StateMachine machine) {
        this.machine = machine;
    }

    /** Checks the machine; its size is that of {@link AslJson#writeString}. */
    public static List<AslProblem> validate(StateMachine machine) {
        return validate(machine, AslJson.writeString(machine).length());
    }

    /** Checks the machine, taking its definition size from the caller (the file it was read from). */
    public static List<AslProblem> validate(StateMachine machine, long definitionChars) {
        var validator = new AslValidator(machine);
        validator.checkMachine(definitionChars);
        return List.copyOf(validator.problems);
    }

    private void checkMachine(long definitionChars) {
        if (definitionChars > MAX_DEFINITION_CHARS) {
            machineProblem(String.format("the definition is %,d characters; AWS Step Functions accepts at most %,d. "
                    + "Move work into fewer states or split the machine", definitionChars, MAX_DEFINITION_CHARS));
        }
        machine.timeoutSeconds().filter(t -> t <= 0).ifPresent(t -> machineProblem(
                "TimeoutSeconds is " + t + "; it must be a positive number of seconds, or left out for no limit"));
        checkScope(machine, "", "the state machine");
    }

    private void checkScope(StateScope scope, String prefix, String scopeName) {
        var states = scope.states();
        if (states.isEmpty()) {
            problem(prefix.isEmpty() ? "" : trimSlash(prefix), capitalise(scopeName)
                    + " has no States; add at least one state");
            return;
        }
        if (!states.containsKey(scope.startAt())) {
            problem(prefix.isEmpty() ? "" : trimSlash(prefix), capitalise(scopeName) + ": StartAt names \""
                    + scope.startAt() + "\", which is not one of its states; set StartAt to one of "
                    + names(states.keySet()));
        }
        states.forEach((name, state) -> checkState(prefix + name, name, state, states.keySet(), scopeName));
        checkReachable(scope, prefix, scopeName);
        if (states.values().stream().noneMatch(AslValidator::isTerminal)) {
            problem(prefix.isEmpty() ? "" : trimSlash(prefix), capitalise(scopeName)
                    + " has no terminal state; end a path with \"End\": true, a Succeed or a Fail state");
        }
    }

    private void checkState(String path, String name, State state, Set<String> scopeNames, String scopeName) {
        var where = "State \"" + path + "\"";
        if (name.length() > MAX_STATE_NAME_LENGTH) {
            problem(path, where + ": the name is " + name.length() + " characters; AWS allows at most "
                    + MAX_STATE_NAME_LENGTH + ". Shorten it");
        }
        var earlier = firstPathOfName.putIfAbsent(name, path);
        if (earlier != null) {
            problem(path, where + ": the name \"" + name + "\" is already used by state \"" + earlier
                    + "\"; state names must be unique across the whole machine, including Parallel branches "
                    + "and Map processors. Rename one of them");
        }
        var language = state.queryLanguage().orElse(machine.defaultQueryLanguage());
        var check = new StateCheck(path, where, language, scopeNames, scopeName);
        switch (state) {
            case PassState s -> {
                check.transition(s.next(), s.end());
                check.dataPaths(s.inputPath(), s.resultPath(), s.outputPath());
                check.template("Parameters", s.parameters());
                check.jsonPathOnly("Parameters", s.parameters().isPresent());
                check.jsonataOnly("Output", s.output().isPresent());
                check.template("Assign", s.assign());
            }
            case TaskState s -> {
                check.transition(s.next(), s.end());
                check.dataPaths(s.inputPath(), s.resultPath(), s.outputPath());
                check.templates(Map.of("Parameters", s.parameters(), "ResultSelector", s.resultSelector(),
                        "Credentials", s.credentials(), "Assign", s.assign()));
                check.jsonPathOnly("Parameters", s.parameters().isPresent());
                check.jsonPathOnly("ResultSelector", s.resultSelector().isPresent());
                check.jsonataOnly("Arguments", s.arguments().isPresent());
                check.jsonataOnly("Output", s.output().isPresent());
                check.path("TimeoutSecondsPath", s.timeoutSecondsPath());
                check.path("HeartbeatSecondsPath", s.heartbeatSecondsPath());
                check.atMostOne("TimeoutSeconds", s.timeoutSeconds().isPresent(), "TimeoutSecondsPath",
                        s.timeoutSecondsPath().isPresent());
                check.atMostOne("HeartbeatSeconds", s.heartbeatSeconds().isPresent(), "HeartbeatSecondsPath",
                        s.heartbeatSecondsPath().isPresent());
                var timeout = check.positive("TimeoutSeconds", s.timeoutSeconds());
                var heartbeat = check.positive("HeartbeatSeconds", s.heartbeatSeconds());
                if (timeout.isPresent() && heartbeat.isPresent() && heartbeat.get().compareTo(timeout.get()) >= 0) {
                    problem(path, where + ": HeartbeatSeconds (" + heartbeat.get()
                            + ") must be smaller than TimeoutSeconds (" + timeout.get()
                            + "); lower the heartbeat or raise the timeout");
                }
                check.errorHandling(s.retry(), s.catchers());
            }
            case ChoiceState s -> {
                if (s.choices().isEmpty()) {
                    problem(path, where + ": a Choice state needs at least one rule in Choices; add one");
                }
                for (int i = 0; i < s.choices().size(); i++) {
                    var rule = s.choices().get(i);
                    check.target("Choices[" + i + "].Next", rule.next());
                    check.condition("Choices[" + i + "]", rule.condition());
                    check.template("Choices[" + i + "].Assign", rule.assign());
                    check.jsonataOnly("Choices[" + i + "].Output", rule.output().isPresent());
                }
                s.defaultState().ifPresent(d -> check.target("Default", d));
                check.dataPaths(s.inputPath(), Optional.empty(), s.outputPath());
                check.jsonataOnly("Output", s.output().isPresent());
                check.template("Assign", s.assign());
            }
            case WaitState s -> {
                check.transition(s.next(), s.end());
                check.dataPaths(s.inputPath(), Optional.empty(), s.outputPath());
                var given = new ArrayList<String>();
                s.seconds().ifPresent(v -> given.add("Seconds"));
                s.secondsPath().ifPresent(v -> given.add("SecondsPath"));
                s.timestamp().ifPresent(v -> given.add("Timestamp"));
                s.timestampPath().ifPresent(v -> given.add("TimestampPath"));
                if (given.size() != 1) {
                    problem(path, where + ": a Wait state needs exactly one of Seconds, SecondsPath, Timestamp, "
                            + "TimestampPath; it has " + (given.isEmpty() ? "none" : String.join(", ", given)));
                }
                check.nonNegative("Seconds", s.seconds());
                check.path("SecondsPath", s.secondsPath());
                check.path("TimestampPath", s.timestampPath());
                check.jsonataOnly("Output", s.output().isPresent());
                check.template("Assign", s.assign());
            }
            case SucceedState s -> {
                check.dataPaths(s.inputPath(), Optional.empty(), s.outputPath());
                check.jsonataOnly("Output", s.output().isPresent());
            }
            case FailState s -> {
                check.atMostOne("Error", s.error().isPresent(), "ErrorPath", s.errorPath().isPresent());
                check.atMostOne("Cause", s.cause().isPresent(), "CausePath", s.causePath().isPresent());
                check.pathOrIntrinsic("ErrorPath", s.errorPath());
                check.pathOrIntrinsic("CausePath", s.causePath());
            }
            case ParallelState s -> {
                check.transition(s.next(), s.end());
                check.dataPaths(s.inputPath(), s.resultPath(), s.outputPath());
                check.templates(Map.of("Parameters", s.parameters(), "ResultSelector", s.resultSelector(),
                        "Assign", s.assign()));
                check.jsonPathOnly("Parameters", s.parameters().isPresent());
                check.jsonPathOnly("ResultSelector", s.resultSelector().isPresent());
                check.jsonataOnly("Arguments", s.arguments().isPresent());
                check.jsonataOnly("Output", s.output().isPresent());
                check.errorHandling(s.retry(), s.catchers());
                if (s.branches().isEmpty()) {
                    problem(path, where + ": a Parallel state needs at least one branch in Branches; add one");
                }
                for (int i = 0; i < s.branches().size(); i++) {
                    checkScope(s.branches().get(i), path + "/Branches[" + i + "]/",
                            "branch " + i + " of state \"" + path + "\"");
                }
            }
            case MapState s -> checkMap(s, check);
        }
    }

    private void checkMap(MapState s, StateCheck check) {
        var path = check.path;
        var where = check.where;
        check.transition(s.next(), s.end());
        check.dataPaths(s.inputPath(), s.resultPath(), s.outputPath());
        check.templates(Map.of("ItemSelector", s.itemSelector(), "Parameters", s.parameters(),
                "ResultSelector", s.resultSelector(), "Assign", s.assign()));
        check.jsonPathOnly("Parameters", s.parameters().isPresent());
        check.jsonPathOnly("ResultSelector", s.resultSelector().isPresent());
        check.jsonPathOnly("ItemsPath", s.itemsPath().isPresent());
        check.jsonataOnly("Items", s.items().isPresent());
        check.jsonataOnly("Output", s.output().isPresent());
        check.path("ItemsPath", s.itemsPath());
        check.path("MaxConcurrencyPath", s.maxConcurrencyPath());
        check.path("ToleratedFailureCountPath", s.toleratedFailureCountPath());
        check.path("ToleratedFailurePercentagePath", s.toleratedFailurePercentagePath());
        check.atMostOne("ItemSelector", s.itemSelector().isPresent(), "Parameters", s.parameters().isPresent());
        check.atMostOne("MaxConcurrency", s.maxConcurrency().isPresent(), "MaxConcurrencyPath",
                s.maxConcurrencyPath().isPresent());
        check.atMostOne("ToleratedFailureCount", s.toleratedFailureCount().isPresent(), "ToleratedFailureCountPath",
                s.toleratedFailureCountPath().isPresent());
        check.atMostOne("ToleratedFailurePercentage", s.toleratedFailurePercentage().isPresent(),
                "ToleratedFailurePercentagePath", s.toleratedFailurePercentagePath().isPresent());
        check.nonNegative("MaxConcurrency", s.maxConcurrency());
        check.nonNegative("ToleratedFailureCount", s.toleratedFailureCount());
        check.nonNegative("ToleratedFailurePercentage", s.toleratedFailurePercentage()).ifPresent(p -> {
            if (p.compareTo(BigDecimal.valueOf(100)) > 0) {
                problem(path, where + ": ToleratedFailurePercentage is " + p + "; it must be between 0 and 100");
            }
        });
        check.errorHandling(s.retry(), s.catchers());
        if (s.itemProcessor().isPresent() == s.iterator().isPresent()) {
            problem(path, where + ": a Map state needs exactly one of ItemProcessor and Iterator (its older name); "
                    + (s.itemProcessor().isPresent() ? "remove Iterator" : "add an ItemProcessor"));
        }
        s.itemProcessor().ifPresent(p -> checkScope(p, path + "/ItemProcessor/",
                "the ItemProcessor of state \"" + path + "\""));
        s.iterator().ifPresent(p -> checkScope(p, path + "/Iterator/", "the Iterator of state \"" + path + "\""));
    }

    private void checkReachable(StateScope scope, String prefix, String scopeName) {
        var states = scope.states();
        var seen = new LinkedHashSet<String>();
        var queue = new ArrayDeque<String>();
        if (states.containsKey(scope.startAt())) {
            queue.add(scope.startAt());
        }
        while (!queue.isEmpty()) {
            var name = queue.poll();
            if (seen.add(name)) {
                targets(states.get(name)).stream().filter(states::containsKey).forEach(queue::add);
            }
        }
        states.keySet().stream().filter(name -> !seen.contains(name)).forEach(name -> problem(prefix + name,
                "State \"" + prefix + name + "\" cannot be reached from StartAt \"" + scope.startAt() + "\" of "
                        + scopeName + "; point a Next, Default or Catch at it, or remove it"));
    }

    private static List<String> targets(State state) {
        var targets = new ArrayList<String>();
        switch (state) {
            case PassState s -> s.next().ifPresent(targets::add);
            case TaskState s -> {
                s.next().ifPresent(targets::add);
                s.catchers().forEach(c -> targets.add(c.next()));
            }
            case ChoiceState s -> {
                s.choices().forEach(r -> targets.add(r.next()));
                s.defaultState().ifPresent(targets::add);
            }
            case WaitState s -> s.next().ifPresent(targets::add);
            case SucceedState s -> { }
            case FailState s -> { }
            case ParallelState s -> {
                s.next().ifPresent(targets::add);
                s.catchers().forEach(c -> targets.add(c.next()));
            }
            case MapState s -> {
                s.next().ifPresent(targets::add);
                s.catchers().forEach(c -> targets.add(c.next()));
            }
        }
        return targets;
    }

    private static boolean isTerminal(State state) {
        return switch (state) {
            case SucceedState s -> true;
            case FailState s -> true;
            case PassState s -> s.end();
            case TaskState s -> s.end();
            case WaitState s -> s.end();
            case ParallelState s -> s.end();
            case MapState s -> s.end();
            case ChoiceState s -> false;
        };
    }

    private void problem(String statePath, String message) {
        problems.add(new AslProblem(statePath, message));
    }

    private void machineProblem(String message) {
        problem("", "State machine: " + message);
    }

    private static String names(Set<String> names) {
        var shown = names.stream().limit(5).map(n -> "\"" + n + "\"").collect(Collectors.joining(", "));
        return names.size() > 5 ? shown + ", ..." : shown;
    }

    private static String trimSlash(String prefix) {
        return prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }

    private static String capitalise(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** The checks of one state, which know its path, language and scope. */
    private final class StateCheck {
        private final String path;
        private final String where;
        private final QueryLanguage language;
        private final Set<String> scopeNames;
        private final String scopeName;

        StateCheck(String path, String where, QueryLanguage language, Set<String> scopeNames, String scopeName) {
            this.path = path;
            this.where = where;
            this.language = language;
            this.scopeNames = scopeNames;
            this.scopeName = scopeName;
        }

        void transition(Optional<String> next, boolean end) {
            if (next.isPresent() && end) {
                problem(path, where + ": has both Next and \"End\": true; keep exactly one of them");
            } else if (next.isEmpty() && !end) {
                problem(path, where + ": has neither Next nor \"End\": true; add Next to continue or End to finish");
            }
            next.ifPresent(n -> target("Next", n));
        }

        void target(String field, String target) {
            if (!scopeNames.contains(target)) {
                problem(path, where + ": " + field + " names \"" + target + "\", which is not a state of "
                        + scopeName + "; transitions cannot leave their branch or processor. Use one of "
                        + names(scopeNames));
            }
        }

        void errorHandling(List<Retrier> retry, List<Catcher> catchers) {
            for (int i = 0; i < retry.size(); i++) {
                var r = retry.get(i);
                var field = "Retry[" + i + "]";
                errorEquals(field, r.errorEquals(), i == retry.size() - 1, "retrier");
                r.maxAttempts().filter(v -> v < 0).ifPresent(v -> problem(path, where + ": " + field
                        + ".MaxAttempts is " + v + "; it must be 0 or more (0 means never retry)"));
                r.intervalSeconds().filter(v -> v < 1).ifPresent(v -> problem(path, where + ": " + field
                        + ".IntervalSeconds is " + v + "; it must be at least 1"));
                r.backoffRate().filter(v -> v.compareTo(BigDecimal.ONE) < 0).ifPresent(v -> problem(path, where
                        + ": " + field + ".BackoffRate is " + v + "; it must be at least 1.0"));
                r.maxDelaySeconds().filter(v -> v < 1).ifPresent(v -> problem(path, where + ": " + field
                        + ".MaxDelaySeconds is " + v + "; it must be at least 1"));
            }
            for (int i = 0; i < catchers.size(); i++) {
                var c = catchers.get(i);
                var field = "Catch[" + i + "]";
                errorEquals(field, c.errorEquals(), i == catchers.size() - 1, "catcher");
                target(field + ".Next", c.next());
                c.resultPath().ifPresent(p -> dataPath(field + ".ResultPath", p));
                jsonPathOnly(field + ".ResultPath", c.resultPath().isPresent());
                jsonataOnly(field + ".Output", c.output().isPresent());
                template(field + ".Assign", c.assign());
            }
        }

        private void errorEquals(String field, List<String> errors, boolean last, String kind) {
            if (errors.isEmpty()) {
                problem(path, where + ": " + field + ".ErrorEquals is empty; list the error names to match, "
                        + "e.g. \"States.TaskFailed\"");
            }
            if (errors.contains(ALL_ERRORS) && errors.size() > 1) {
                problem(path, where + ": " + field + ".ErrorEquals lists \"States.ALL\" with other errors; "
                        + "States.ALL must appear alone. Move the other errors to an earlier " + kind);
            }
            if (errors.contains(ALL_ERRORS) && !last) {
                problem(path, where + ": " + field + " matches \"States.ALL\" but is not the last " + kind
                        + "; move it to the end so the specific " + kind + "s before it can match");
            }
        }

        void condition(String field, Condition condition) {
            switch (condition) {
                case Condition.DataTest t -> {
                    jsonPathOnly(field + ".Variable", true);
                    if (!t.variable().startsWith("$")) {
                        problem(path, where + ": " + field + ".Variable is \"" + t.variable()
                                + "\"; it must be a path starting with $");
                    }
                    if (t.operator().operand() == ComparisonOperator.Operand.PATH
                            && !t.value().asText().startsWith("$")) {
                        problem(path, where + ": " + field + "." + t.operator().jsonName() + " is \""
                                + t.value().asText() + "\"; it must be a path starting with $");
                    }
                }
                case Condition.And and -> combination(field + ".And", and.conditions());
                case Condition.Or or -> combination(field + ".Or", or.conditions());
                case Condition.Not not -> condition(field + ".Not", not.condition());
                case Condition.Jsonata j -> jsonataOnly(field + ".Condition", true);
            }
        }

        private void combination(String field, List<Condition> conditions) {
            jsonPathOnly(field, true);
            if (conditions.isEmpty()) {
                problem(path, where + ": " + field + " has no rules; list at least one");
            }
            for (int i = 0; i < conditions.size(); i++) {
                condition(field + "[" + i + "]", conditions.get(i));
            }
        }

        void dataPaths(Optional<DataPath> input, Optional<DataPath> result, Optional<DataPath> output) {
            input.ifPresent(p -> dataPath("InputPath", p));
            result.ifPresent(p -> dataPath("ResultPath", p));
            output.ifPresent(p -> dataPath("OutputPath", p));
            jsonPathOnly("InputPath", input.isPresent());
            jsonPathOnly("ResultPath", result.isPresent());
            jsonPathOnly("OutputPath", output.isPresent());
        }

        private void dataPath(String field, DataPath value) {
            if (value instanceof DataPath.Path p) {
                startsWithDollar(field, p.expression());
            }
        }

        void path(String field, Optional<String> value) {
            jsonPathOnly(field, value.isPresent());
            value.ifPresent(v -> startsWithDollar(field, v));
        }

        private void startsWithDollar(String field, String value) {
            if (!value.startsWith("$")) {
                problem(path, where + ": " + field + " is \"" + value + "\"; a path must start with $ (\"$.field\", "
                        + "\"$$.Execution.Id\" or \"$variable\")");
            }
        }

        void pathOrIntrinsic(String field, Optional<String> value) {
            jsonPathOnly(field, value.isPresent());
            value.filter(v -> !v.startsWith("$") && !v.startsWith("States.")).ifPresent(v -> problem(path, where
                    + ": " + field + " is \"" + v + "\"; it must be a path starting with $ or an intrinsic "
                    + "function such as States.Format(...)"));
        }

        void atMostOne(String first, boolean hasFirst, String second, boolean hasSecond) {
            if (hasFirst && hasSecond) {
                problem(path, where + ": has both " + first + " and " + second + "; keep only one of them");
            }
        }

        Optional<BigDecimal> positive(String field, Optional<NumericValue> value) {
            var literal = literal(field, value);
            literal.filter(v -> v.signum() <= 0).ifPresent(v -> problem(path, where + ": " + field + " is " + v
                    + "; it must be a positive number of seconds"));
            return literal;
        }

        Optional<BigDecimal> nonNegative(String field, Optional<NumericValue> value) {
            var literal = literal(field, value);
            literal.filter(v -> v.signum() < 0).ifPresent(v -> problem(path, where + ": " + field + " is " + v
                    + "; it must be 0 or more"));
            return literal;
        }

        private Optional<BigDecimal> literal(String field, Optional<NumericValue> value) {
            return value.flatMap(v -> switch (v) {
                case NumericValue.Literal l -> Optional.of(l.value());
                case NumericValue.Jsonata j -> {
                    jsonataOnly(field + " (as a JSONata expression)", true);
                    yield Optional.empty();
                }
            });
        }

        void jsonPathOnly(String field, boolean present) {
            if (present && language == QueryLanguage.JSONATA) {
                problem(path, where + ": " + field + " is a JSONPath field but the state uses JSONata; "
                        + "use Arguments/Output/Items/Condition and {% %} expressions, or set "
                        + "\"QueryLanguage\": \"JSONPath\" on the state");
            }
        }

        void jsonataOnly(String field, boolean present) {
            if (present && language == QueryLanguage.JSONPATH) {
                problem(path, where + ": " + field + " is a JSONata field but the state uses JSONPath; "
                        + "use InputPath/Parameters/ResultSelector/ResultPath/OutputPath, or set "
                        + "\"QueryLanguage\": \"JSONata\" on the state");
            }
        }

        void templates(Map<String, Optional<JsonNode>> templates) {
            templates.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> template(e.getKey(), e.getValue()));
        }

        /** In JSONPath states, a key ending in .$ takes its value from a path or an intrinsic function. */
        void template(String field, Optional<JsonNode> template) {
            if (language == QueryLanguage.JSONPATH) {
                template.ifPresent(t -> dynamicKeys(field, t));
            }
        }

        private void dynamicKeys(String field, JsonNode node) {
            if (node.isObject()) {
                node.properties().forEach(e -> {
                    var key = e.getKey();
                    var value = e.getValue();
                    if (key.endsWith(".$")) {
                        if (!value.isTextual() || !(value.asText().startsWith("$")
                                || value.asText().startsWith("States."))) {
                            problem(path, where + ": " + field + " key \"" + key + "\" ends in .$, so its value "
                                    + "must be a path ($...) or an intrinsic function (States....); got "
                                    + value + ". Fix the value or drop the .$ suffix");
                        }
                    } else {
                        dynamicKeys(field + "." + key, value);
                    }
                });
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    dynamicKeys(field + "[" + i + "]", node.get(i));
                }
            }
        }
    }
}
