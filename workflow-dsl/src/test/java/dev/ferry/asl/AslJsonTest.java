package dev.ferry.asl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AslJsonTest {

    private static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    static StateMachine restoreMachine() {
        return StateMachine.builder("Snapshot database")
                .comment("postgres-schema-upgrade")
                .timeoutSeconds(3600)
                .state("Snapshot database", TaskState.builder("arn:aws:states:::lambda:invoke")
                        .comment("backup: snapshot the database")
                        .parameters(object().put("FunctionName", "ferry-snapshot").put("Payload.$", "$"))
                        .resultSelector(object().put("snapshotId.$", "$.Payload.snapshotId"))
                        .resultPath("$.snapshot")
                        .timeoutSeconds(300)
                        .heartbeatSeconds(60)
                        .retry(Retrier.builder("Lambda.ServiceException", "Lambda.TooManyRequestsException")
                                .intervalSeconds(2).maxAttempts(6).backoffRate(2.0).maxDelaySeconds(30)
                                .jitterStrategy(JitterStrategy.FULL).build())
                        .catcher(Catcher.builder(List.of("States.ALL"), "Failed").resultPath("$.error").build())
                        .next("Schema current?")
                        .build())
                .state("Schema current?", ChoiceState.builder()
                        .choice(ChoiceRule.builder(Condition.and(
                                        Condition.isPresent("$.snapshot.snapshotId", true),
                                        Condition.numericGreaterThanEquals("$.version", 3)), "Done")
                                .comment("already upgraded").build())
                        .choice(Condition.not(Condition.stringEquals("$.mode", "dry-run")), "Wait a bit")
                        .defaultState("Failed")
                        .build())
                .state("Wait a bit", WaitState.builder().seconds(5).next("Done").build())
                .state("Done", SucceedState.builder().build())
                .state("Failed", FailState.builder().error("Ferry.StepFailed").causePath("$.error.Cause").build())
                .build();
    }

    @Test
    void writesFieldsInAslOrderWithTypeFirstAndNextLast() {
        var json = AslJson.writeString(restoreMachine());
        assertThat(json).endsWith("}\n").doesNotContain("\r");
        assertThat(json).startsWith("""
                {
                  "Comment": "postgres-schema-upgrade",
                  "StartAt": "Snapshot database",
                  "States": {
                    "Snapshot database": {
                      "Type": "Task",
                      "Comment": "backup: snapshot the database",
                      "Resource": "arn:aws:states:::lambda:invoke",
                      "Parameters": {
                        "FunctionName": "ferry-snapshot",
                        "Payload.$": "$"
                      },
                      "ResultSelector": {
                        "snapshotId.$": "$.Payload.snapshotId"
                      },
                      "ResultPath": "$.snapshot",
                      "TimeoutSeconds": 300,
                      "HeartbeatSeconds": 60,
                      "Retry": [
                        {
                          "ErrorEquals": [
                            "Lambda.ServiceException",
                            "Lambda.TooManyRequestsException"
                          ],
                          "IntervalSeconds": 2,
                          "MaxAttempts": 6,
                          "BackoffRate": 2.0,
                          "MaxDelaySeconds": 30,
                          "JitterStrategy": "FULL"
                        }
                      ],
                      "Catch": [
                        {
                          "ErrorEquals": [
                            "States.ALL"
                          ],
                          "ResultPath": "$.error",
                          "Next": "Failed"
                        }
                      ],
                      "Next": "Schema current?"
                    },
                """);
        assertThat(json).contains("""
                    "Done": {
                      "Type": "Succeed"
                    },
                """);
        assertThat(json).endsWith("""
                  },
                  "TimeoutSeconds": 3600
                }
                """);
    }

    @Test
    void sameMachineGivesTheSameBytes() {
        assertThat(AslJson.write(restoreMachine())).isEqualTo(AslJson.write(restoreMachine()));
        assertThat(new String(AslJson.write(restoreMachine()), StandardCharsets.UTF_8))
                .isEqualTo(AslJson.writeString(restoreMachine()));
    }

    @Test
    void modelBuiltInCodeReadsBackEqual() {
        var machine = restoreMachine();
        assertThat(AslJson.read(AslJson.writeString(machine))).isEqualTo(machine);
    }

    @Test
    void keepsStatesInInsertionOrder() {
        var json = AslJson.writeString(restoreMachine());
        assertThat(json.indexOf("\"Wait a bit\": {")).isLessThan(json.indexOf("\"Done\": {"));
        assertThat(json.indexOf("\"Done\": {")).isLessThan(json.indexOf("\"Failed\": {"));
        assertThat(AslJson.read(json).states().keySet())
                .containsExactly("Snapshot database", "Schema current?", "Wait a bit", "Done", "Failed");
    }

    @Test
    void unknownFieldNamesTheStateAndTheField() {
        var json = """
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Retry": [], "End": true}}}
                """;
        assertThatThrownBy(() -> AslJson.read(json))
                .isInstanceOf(AslReadException.class)
                .hasMessageContaining("state \"A\"")
                .hasMessageContaining("\"Retry\"")
                .hasMessageContaining("is not a field of a Pass state")
                .hasMessageContaining("remove it or fix its spelling");
    }

    @Test
    void readErrorsNameWhereAndWhatToDo() {
        assertThatThrownBy(() -> AslJson.read("{\"StartAt\": \"A\", \"States\": {"))
                .isInstanceOf(AslReadException.class).hasMessageContaining("is not valid JSON at line 1");
        assertThatThrownBy(() -> AslJson.read("{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pas\"}}}"))
                .isInstanceOf(AslReadException.class)
                .hasMessage("state \"A\", field \"Type\": is \"Pas\"; set it to one of Pass, Task, Choice, Wait, "
                        + "Succeed, Fail, Parallel or Map");
        assertThatThrownBy(() -> AslJson.read("""
                {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
                  {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": "5", "End": true}}}]}}}
                """)).isInstanceOf(AslReadException.class)
                .hasMessageContaining("state \"P/Branches[0]/W\", field \"Seconds\": must be a number");
        assertThatThrownBy(() -> AslJson.read("""
                {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [
                  {"Variable": "$.x", "StringEqual": "a", "Next": "C"}]}}}
                """)).isInstanceOf(AslReadException.class)
                .hasMessageContaining("state \"C\" Choices[0], field \"StringEqual\": is not a comparison operator");
        assertThatThrownBy(() -> AslJson.read("""
                {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [
                  {"Variable": "$.n", "NumericEquals": "1", "Next": "C"}]}}}
                """)).isInstanceOf(AslReadException.class)
                .hasMessageContaining("field \"NumericEquals\": must be a number; got the string \"1\"");
        assertThatThrownBy(() -> AslJson.read("{\"StartAt\": \"A\", \"States\": {}, \"StartAt\": \"B\"}"))
                .isInstanceOf(AslReadException.class).hasMessageContaining("Duplicate field 'StartAt'");
    }

    @Test
    void readsLegacyMapFieldsAndJsonataValuesAsWritten() {
        var json = """
                {
                  "QueryLanguage": "JSONata",
                  "StartAt": "Each",
                  "States": {
                    "Each": {
                      "Type": "Map",
                      "QueryLanguage": "JSONPath",
                      "Iterator": {
                        "StartAt": "Item",
                        "States": {
                          "Item": {
                            "Type": "Pass",
                            "End": true
                          }
                        }
                      },
                      "ItemsPath": "$.items",
                      "Parameters": {
                        "value.$": "$$.Map.Item.Value"
                      },
                      "MaxConcurrency": 2,
                      "ResultPath": null,
                      "Next": "Later"
                    },
                    "Later": {
                      "Type": "Wait",
                      "Seconds": "{% $delay %}",
                      "End": true
                    }
                  }
                }
                """;
        var machine = AslJson.read(json);
        var map = (MapState) machine.states().get("Each");
        assertThat(map.iterator()).isPresent();
        assertThat(map.processor()).isEqualTo(map.iterator());
        assertThat(map.resultPath()).contains(DataPath.nullPath());
        assertThat(((WaitState) machine.states().get("Later")).seconds())
                .contains(NumericValue.jsonata("{% $delay %}"));
        assertThat(AslJson.writeString(machine)).isEqualTo(json);
        assertThat(AslValidator.validate(machine)).isEmpty();
    }
}
