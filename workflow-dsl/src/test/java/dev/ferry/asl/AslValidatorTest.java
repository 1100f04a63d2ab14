package dev.ferry.asl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One bad machine per rule; each asserts the problem names the state and the rule broken. */
class AslValidatorTest {

    private static final String LAMBDA = "arn:aws:states:::lambda:invoke";

    private static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    private static TaskState.Builder task() {
        return TaskState.builder(LAMBDA);
    }

    /** A machine whose start state is {@code state}, followed by a terminal "Done". */
    private static StateMachine startingWith(String name, State state) {
        return StateMachine.builder(name).state(name, state).state("Done", SucceedState.builder().build()).build();
    }

    private static AslProblem onlyProblem(StateMachine machine) {
        var problems = AslValidator.validate(machine);
        assertThat(problems).hasSize(1);
        return problems.get(0);
    }

    @Test
    void aWellFormedMachineHasNoProblems() {
        assertThat(AslValidator.validate(AslJsonTest.restoreMachine())).isEmpty();
    }

    @Test
    void startAtMustNameAState() {
        var machine = StateMachine.builder("Begin").state("Done", SucceedState.builder().build()).build();
        var problems = AslValidator.validate(machine);
        assertThat(problems).extracting(AslProblem::message)
                .anySatisfy(m -> assertThat(m).contains("StartAt names \"Begin\"", "not one of its states", "\"Done\""));
    }

    @Test
    void nextMustNameAStateOfTheSameScope() {
        var problems = AslValidator.validate(StateMachine.builder("Snapshot")
                .state("Snapshot", task().next("Snapshot databse").build())
                .state("Snapshot database", task().end().build())
                .build());
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.statePath()).isEqualTo("Snapshot");
            assertThat(p.message()).contains("State \"Snapshot\"", "Next names \"Snapshot databse\"",
                    "not a state of the state machine", "Use one of \"Snapshot\", \"Snapshot database\"");
        });
    }

    @Test
    void aBranchCannotTransitionOutOfItself() {
        var machine = StateMachine.builder("Copy")
                .state("Copy", ParallelState.builder()
                        .branch(Branch.builder("Clone").state("Clone", task().next("After").build()).build())
                        .next("After").build())
                .state("After", SucceedState.builder().build())
                .build();
        var problems = AslValidator.validate(machine);
        assertThat(problems).extracting(AslProblem::statePath).contains("Copy/Branches[0]/Clone");
        assertThat(problems).extracting(AslProblem::message).anySatisfy(m -> assertThat(m)
                .contains("State \"Copy/Branches[0]/Clone\"", "Next names \"After\"", "branch 0 of state \"Copy\"",
                        "cannot leave their branch"));
    }

    @Test
    void defaultAndCatchTargetsMustExist() {
        var machine = StateMachine.builder("Check")
                .state("Check", ChoiceState.builder().choice(Condition.booleanEquals("$.ok", true), "Work")
                        .defaultState("Nowhere").build())
                .state("Work", task().catcher(Catcher.of(List.of("States.ALL"), "Rollbak")).end().build())
                .build();
        assertThat(AslValidator.validate(machine)).extracting(AslProblem::message)
                .anySatisfy(m -> assertThat(m).contains("State \"Check\"", "Default names \"Nowhere\""))
                .anySatisfy(m -> assertThat(m).contains("State \"Work\"", "Catch[0].Next names \"Rollbak\""));
    }

    @Test
    void everyStateMustBeReachable() {
        var problem = onlyProblem(StateMachine.builder("Start")
                .state("Start", PassState.builder().end().build())
                .state("Orphan", PassState.builder().end().build())
                .build());
        assertThat(problem.statePath()).isEqualTo("Orphan");
        assertThat(problem.message()).contains("State \"Orphan\"", "cannot be reached from StartAt \"Start\"");
    }

    @Test
    void statesReachedOnlyThroughCatchAreReachable() {
        var machine = StateMachine.builder("Work")
                .state("Work", task().catcher(Catcher.of(List.of("States.ALL"), "Rollback")).end().build())
                .state("Rollback", FailState.builder().error("Ferry.Failed").build())
                .build();
        assertThat(AslValidator.validate(machine)).isEmpty();
    }

    @Test
    void aNonTerminalStateNeedsExactlyOneOfNextAndEnd() {
        var neither = AslValidator.validate(startingWith("Wait", WaitState.builder().seconds(5).build()));
        assertThat(neither).extracting(AslProblem::message)
                .anySatisfy(m -> assertThat(m).contains("State \"Wait\"", "neither Next nor \"End\": true"));
        var both = AslValidator.validate(startingWith("Pause", PassState.builder().next("Done").end().build()));
        assertThat(both).extracting(AslProblem::message)
                .anySatisfy(m -> assertThat(m).contains("State \"Pause\"", "both Next and \"End\": true"));
    }

    @Test
    void aChoiceNeedsChoices() {
        var problems = AslValidator.validate(startingWith("Decide", ChoiceState.builder().defaultState("Done").build()));
        assertThat(problems).extracting(AslProblem::message)
                .anySatisfy(m -> assertThat(m).contains("State \"Decide\"", "Choice state needs at least one rule"));
    }

    @Test
    void aChoiceHasNoEndAndSucceedAndFailHaveNoNext() {
        // The model has no such fields; a definition that has them is refused when read.
        for (var json : List.of(
                "{\"StartAt\":\"C\",\"States\":{\"C\":{\"Type\":\"Choice\",\"Choices\":[],\"End\":true}}}",
                "{\"StartAt\":\"S\",\"States\":{\"S\":{\"Type\":\"Succeed\",\"Next\":\"S\"}}}",
                "{\"StartAt\":\"F\",\"States\":{\"F\":{\"Type\":\"Fail\",\"Next\":\"F\"}}}")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> AslJson.read(json))
                    .isInstanceOf(AslReadException.class)
                    .hasMessageMatching("state \"[CSF]\", field \"(End|Next)\": is not a field of a "
                            + "(Choice|Succeed|Fail) state .*");
        }
    }

    @Test
    void stateNamesAreAtMostEightyCharacters() {
        var name = "Apply migration " + "x".repeat(70);
        var problem = onlyProblem(StateMachine.builder(name).state(name, PassState.builder().end().build()).build());
        assertThat(problem.statePath()).isEqualTo(name);
        assertThat(problem.message()).contains("State \"" + name + "\"", "is 86 characters", "at most 80");
    }

    @Test
    void stateNamesAreUniqueAcrossBranches() {
        var machine = StateMachine.builder("Backups")
                .state("Backups", ParallelState.builder()
                        .branch(Branch.builder("Snapshot").state("Snapshot", task().end().build()).build())
                        .branch(Branch.builder("Snapshot").state("Snapshot", task().end().build()).build())
                        .end().build())
                .build();
        var problem = onlyProblem(machine);
        assertThat(problem.statePath()).isEqualTo("Backups/Branches[1]/Snapshot");
        assertThat(problem.message()).contains("already used by state \"Backups/Branches[0]/Snapshot\"",
                "unique across the whole machine");
    }

    @Test
    void retryAndCatchAreOnlyOnTaskParallelAndMap() {
        // Pass, Choice, Wait, Succeed and Fail records have no Retry/Catch; the reader refuses them.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AslJson.read("""
                {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 1, "End": true,
                  "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "W"}]}}}
                """)).isInstanceOf(AslReadException.class)
                .hasMessageContaining("state \"W\", field \"Catch\": is not a field of a Wait state");
    }

    @Test
    void statesAllMustBeAloneAndLast() {
        var machine = startingWith("Upgrade", task()
                .retry(Retrier.builder("States.ALL", "Lambda.ServiceException").build())
                .retry(Retrier.builder("States.Timeout").build())
                .catcher(Catcher.of(List.of("States.ALL"), "Done"))
                .catcher(Catcher.of(List.of("States.TaskFailed"), "Done"))
                .next("Done").build());
        assertThat(AslValidator.validate(machine)).extracting(AslProblem::message)
                .anySatisfy(m -> assertThat(m).contains("State \"Upgrade\"", "Retry[0].ErrorEquals",
                        "States.ALL must appear alone"))
                .anySatisfy(m -> assertThat(m).contains("State \"Upgrade\"", "Retry[0] matches \"States.ALL\"",
                        "not the last retrier"))
                .anySatisfy(m -> assertThat(m).contains("State \"Upgrade\"", "Catch[0] matches \"States.ALL\"",
                        "not the last catcher"));
    }

    @Test
    void retrierLimits() {
        var machine = startingWith("Upgrade", task()
                .retry(Retrier.builder("States.TaskFailed").maxAttempts(-1).backoffRate(0.5).intervalSeconds(0)
                        .build())
                .next("Done").build());
        assertThat(AslValidator.validate(machine)).extracting(AslProblem::message)
                .anySatisfy(m -> assertThat(m).contains("State \"Upgrade\"", "Retry[0].MaxAttempts is -1",
                        "0 or more"))
                .anySatisfy(m -> assertThat(m).contains("State \"Upgrade\"", "Retry[0].BackoffRate is 0.5",
                        "at least 1.0"))
                .anySatisfy(m -> assertThat(m).contains("State \"Upgrade\"", "Retry[0].IntervalSeconds is 0",
                        "at least 1"))
                .hasSize(3);
    }

    @Test
    void timeoutsArePositiveAndHeartbeatIsBelowTimeout() {
        var zero = onlyProblem(startingWith("Snapshot", task().timeoutSeconds(0).next("Done").build()));
        assertThat(zero.message()).contains("State \"Snapshot\"", "TimeoutSeconds is 0", "positive");
        var heartbeat = onlyProblem(startingWith("Snapshot",
                task().timeoutSeconds(60).heartbeatSeconds(60).next("Done").build()));
        assertThat(heartbeat.message()).contains("State \"Snapshot\"", "HeartbeatSeconds (60)",
                "smaller than TimeoutSeconds (60)");
        var machineTimeout = StateMachine.builder("A").timeoutSeconds(-5)
                .state("A", PassState.builder().end().build()).build();
        assertThat(onlyProblem(machineTimeout).message()).contains("State machine", "TimeoutSeconds is -5");
    }

    @Test
    void pathsStartWithDollar() {
        var problem = onlyProblem(startingWith("Snapshot", task().resultPath("snapshot").next("Done").build()));
        assertThat(problem.message()).contains("State \"Snapshot\"", "ResultPath is \"snapshot\"",
                "must start with $");
        var choice = onlyProblem(StateMachine.builder("Decide")
                .state("Decide", ChoiceState.builder().choice(Condition.stringEquals("status", "ok"), "Done").build())
                .state("Done", SucceedState.builder().build()).build());
        assertThat(choice.message()).contains("State \"Decide\"", "Choices[0].Variable is \"status\"");
    }

    @Test
    void nullResultPathIsAllowed() {
        var machine = startingWith("Audit", task().resultPath(DataPath.nullPath()).next("Done").build());
        assertThat(AslValidator.validate(machine)).isEmpty();
        assertThat(AslJson.writeString(machine)).contains("\"ResultPath\": null");
    }

    @Test
    void dynamicKeysTakeAPathOrAnIntrinsic() {
        var parameters = object().put("FunctionName", "ferry-snapshot").put("Payload.$", "$")
                .put("Key.$", "States.Format('{}', $.id)");
        parameters.putObject("Nested").put("Id.$", "snapshot-id");
        var problem = onlyProblem(startingWith("Snapshot", task().parameters(parameters).next("Done").build()));
        assertThat(problem.message()).contains("State \"Snapshot\"", "Parameters.Nested key \"Id.$\"",
                "a path ($...) or an intrinsic function");
    }

    @Test
    void jsonPathFieldsInAJsonataStateAreErrors() {
        var machine = startingWith("Snapshot", task().queryLanguage(QueryLanguage.JSONATA)
                .parameters(object().put("FunctionName", "f")).resultPath("$.x").next("Done").build());
        assertThat(AslValidator.validate(machine)).extracting(AslProblem::message)
                .anySatisfy(m -> assertThat(m).contains("State \"Snapshot\"", "Parameters is a JSONPath field",
                        "the state uses JSONata"))
                .anySatisfy(m -> assertThat(m).contains("State \"Snapshot\"", "ResultPath is a JSONPath field"));
        var inherited = StateMachine.builder("Snapshot").queryLanguage(QueryLanguage.JSONATA)
                .state("Snapshot", task().outputPath("$.Payload").end().build()).build();
        assertThat(onlyProblem(inherited).message()).contains("OutputPath is a JSONPath field");
    }

    @Test
    void jsonataFieldsInAJsonPathStateAreErrors() {
        var machine = startingWith("Snapshot", task().arguments(object().put("FunctionName", "f"))
                .timeoutSeconds(NumericValue.jsonata("{% $timeout %}")).next("Done").build());
        assertThat(AslValidator.validate(machine)).extracting(AslProblem::message)
                .anySatisfy(m -> assertThat(m).contains("State \"Snapshot\"", "Arguments is a JSONata field",
                        "the state uses JSONPath"))
                .anySatisfy(m -> assertThat(m).contains("TimeoutSeconds (as a JSONata expression)"));
        var jsonata = StateMachine.builder("Snapshot").queryLanguage(QueryLanguage.JSONATA)
                .state("Snapshot", task().arguments(object().put("FunctionName", "f"))
                        .timeoutSeconds(NumericValue.jsonata("{% $timeout %}")).end().build()).build();
        assertThat(AslValidator.validate(jsonata)).isEmpty();
    }

    @Test
    void definitionSizeIsLimited() {
        var machine = startingWith("Big", PassState.builder().result(object().put("blob", "x".repeat(1_100_000)))
                .next("Done").build());
        var problem = onlyProblem(machine);
        assertThat(problem.statePath()).isEmpty();
        assertThat(problem.message()).contains("State machine", "the definition is 1,100,", "at most 1,048,576");
    }

    @Test
    void waitNeedsExactlyOneDuration() {
        var problem = onlyProblem(startingWith("Pause", WaitState.builder().seconds(5).secondsPath("$.s")
                .next("Done").build()));
        assertThat(problem.message()).contains("State \"Pause\"", "exactly one of Seconds",
                "it has Seconds, SecondsPath");
    }

    @Test
    void mapNeedsAnItemProcessorAndChecksIt() {
        var machine = startingWith("Each table", MapState.builder().itemsPath("$.tables")
                .itemProcessor(ItemProcessor.builder("Verify").processorConfig(ProcessorConfig.inline())
                        .state("Verify", task().build()).build())
                .maxConcurrency(-1)
                .next("Done").build());
        assertThat(AslValidator.validate(machine)).extracting(AslProblem::message)
                .anySatisfy(m -> assertThat(m).contains("State \"Each table/ItemProcessor/Verify\"",
                        "neither Next nor"))
                .anySatisfy(m -> assertThat(m).contains("State \"Each table\"", "MaxConcurrency is -1"));
        var none = onlyProblem(startingWith("Each table", MapState.builder().next("Done").build()));
        assertThat(none.message()).contains("State \"Each table\"", "exactly one of ItemProcessor and Iterator");
    }

    @Test
    void andAndOrNeedRules() {
        var machine = StateMachine.builder("Decide")
                .state("Decide", ChoiceState.builder().choice(Condition.not(Condition.or()), "Done").build())
                .state("Done", SucceedState.builder().build()).build();
        assertThat(onlyProblem(machine).message()).contains("State \"Decide\"", "Choices[0].Not.Or has no rules");
    }
}
