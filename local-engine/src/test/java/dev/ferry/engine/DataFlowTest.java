package dev.ferry.engine;

import static dev.ferry.engine.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** JSONPath data flow, intrinsic functions, variables and JSONata. */
class DataFlowTest {
  private static ExecutionResult run(String definition, String input) {
    try (LocalEngine engine = LocalEngine.builder().build()) {
      return engine.start(definition, "data", json(input)).await();
    }
  }

  private static com.fasterxml.jackson.databind.JsonNode pass(String parameters, String input) {
    ExecutionResult r = run("{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Parameters\":" + parameters + ",\"End\":true}}}", input);
    assertThat(r.status()).as(String.valueOf(r.cause())).isEqualTo(ExecutionStatus.SUCCEEDED);
    return r.output();
  }

  @Test
  void inputPathParametersResultPathAndOutputPathCompose() {
    ExecutionResult r = run("""
        {"StartAt":"P","States":{"P":{"Type":"Pass","InputPath":"$.order","Parameters":{"id.$":"$.id","name.$":"$$.Execution.Name","fixed":1},
          "ResultPath":"$.summary","OutputPath":"$.summary","End":true}}}
        """, "{\"order\":{\"id\":\"o-1\"}}");
    assertThat(r.output()).isEqualTo(json("{\"id\":\"o-1\",\"name\":\"data\",\"fixed\":1}"));
  }

  @Test
  void resultPathBuildsANewValueAndLeavesEachStatesInputAsItWas() {
    String definition = """
        {"StartAt":"Deep","States":{
          "Deep":{"Type":"Pass","Result":{"ok":true},"ResultPath":"$.steps.verify.result","Next":"Indexed"},
          "Indexed":{"Type":"Pass","Result":"second","ResultPath":"$.list[1].tag","Next":"Replace"},
          "Replace":{"Type":"Pass","Result":7,"ResultPath":"$.steps.count","End":true}}}
        """;
    try (LocalEngine engine = LocalEngine.builder().build()) {
      Execution e = engine.start(definition, "result-path", json("{\"steps\":{\"count\":1},\"list\":[{\"tag\":\"a\"},{\"tag\":\"b\"}]}"));
      ExecutionResult r = e.await();
      assertThat(r.output())
          .isEqualTo(json("{\"steps\":{\"count\":7,\"verify\":{\"result\":{\"ok\":true}}},\"list\":[{\"tag\":\"a\"},{\"tag\":\"second\"}]}"));
      java.util.List<String> inputs =
          e.history().stream().filter(h -> h.type().equals("PassStateEntered")).map(h -> h.detail("input")).toList();
      assertThat(inputs)
          .containsExactly(
              "{\"steps\":{\"count\":1},\"list\":[{\"tag\":\"a\"},{\"tag\":\"b\"}]}",
              "{\"steps\":{\"count\":1,\"verify\":{\"result\":{\"ok\":true}}},\"list\":[{\"tag\":\"a\"},{\"tag\":\"b\"}]}",
              "{\"steps\":{\"count\":1,\"verify\":{\"result\":{\"ok\":true}}},\"list\":[{\"tag\":\"a\"},{\"tag\":\"second\"}]}");
    }
  }

  @Test
  void intrinsicFunctionsNestAndTakePathsAndContextPaths() {
    com.fasterxml.jackson.databind.JsonNode out = pass("""
        {"len.$":"States.ArrayLength(States.ArrayUnique($.xs))",
         "parts.$":"States.ArrayPartition($.xs, 2)",
         "range.$":"States.ArrayRange(1, 9, 4)",
         "has.$":"States.ArrayContains($.xs, 3)",
         "item.$":"States.ArrayGetItem($.xs, 1)",
         "msg.$":"States.Format('{} has {} items, escaped \\\\{\\\\}', $$.Execution.Name, States.ArrayLength($.xs))",
         "split.$":"States.StringSplit('a,b;;c', ',;')",
         "merged.$":"States.JsonMerge($.a, $.b, false)",
         "roundTrip.$":"States.StringToJson(States.JsonToString($.a))",
         "b64.$":"States.Base64Decode(States.Base64Encode('ferry'))",
         "sha.$":"States.Hash('abc', 'SHA-256')",
         "sum.$":"States.MathAdd(2, -5)",
         "arr.$":"States.Array(1, 'two', $.a)"}
        """, "{\"xs\":[1,3,3,4],\"a\":{\"k\":1,\"z\":0},\"b\":{\"k\":2}}");
    assertThat(dev.ferry.engine.data.Json.sameValue(out, json("""
            {"len":3,"parts":[[1,3],[3,4]],"range":[1,5,9],"has":true,"item":3,
             "msg":"data has 4 items, escaped {}","split":["a","b","c"],"merged":{"k":2,"z":0},
             "roundTrip":{"k":1,"z":0},"b64":"ferry",
             "sha":"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad","sum":-3,
             "arr":[1,"two",{"k":1,"z":0}]}"""))).as(out.toString()).isTrue();
  }

  @Test
  void intrinsicErrorsAreIntrinsicFailures() {
    ExecutionResult r = run("""
        {"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"x.$":"States.ArrayGetItem($.xs, 5)"},"End":true}}}
        """, "{\"xs\":[1]}");
    assertThat(r.error()).isEqualTo("States.IntrinsicFailure");
    assertThat(r.cause()).contains("out of bounds");
  }

  @Test
  void variablesAreAssignedAfterTheStateAndCopiedIntoBranches() {
    ExecutionResult r = run("""
        {"StartAt":"Set","States":{
          "Set":{"Type":"Pass","Assign":{"target":"orders","count.$":"$.n"},"Next":"Each"},
          "Each":{"Type":"Map","Items":null,"ItemsPath":"$.xs","ItemProcessor":{"StartAt":"Use","States":{
             "Use":{"Type":"Pass","Parameters":{"t.$":"$target","x.$":"$"},"Assign":{"target":"inner"},"End":true}}},
           "ResultPath":"$.mapped","Next":"After"},
          "After":{"Type":"Pass","Parameters":{"t.$":"$target","c.$":"$count","m.$":"$.mapped"},"End":true}}}
        """.replace("\"Items\":null,", ""), "{\"n\":2,\"xs\":[1,2]}");
    assertThat(r.output()).isEqualTo(json("{\"t\":\"orders\",\"c\":2,\"m\":[{\"t\":\"orders\",\"x\":1},{\"t\":\"orders\",\"x\":2}]}"));
  }

  @Test
  void jsonataStatesUseArgumentsOutputAssignAndStatesVariables() {
    ExecutionResult r = run("""
        {"QueryLanguage":"JSONata","StartAt":"A","States":{
          "A":{"Type":"Pass","Assign":{"total":"{% $sum($states.input.xs) %}"},"Output":{"n":"{% $count($states.input.xs) %}"},"Next":"B"},
          "B":{"Type":"Choice","Choices":[{"Condition":"{% $total > 5 %}","Next":"Big"}],"Default":"Small"},
          "Big":{"Type":"Pass","Output":"{% 'big:' & $string($total) & ':' & $string($states.input.n) & ':' & $states.context.Execution.Name %}","End":true},
          "Small":{"Type":"Fail","Error":"Small"}}}
        """, "{\"xs\":[1,2,3]}");
    assertThat(r.output().asText()).isEqualTo("big:6:3:data");
  }

  @Test
  void jsonataErrorsAreQueryEvaluationErrors() {
    ExecutionResult r = run("""
        {"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Output":"{% $states.input.missing %}","End":true}}}
        """, "{}");
    assertThat(r.error()).isEqualTo("States.QueryEvaluationError");
  }

  @Test
  void choiceRulesCoverTypesPathsAndTimestamps() {
    String def = """
        {"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[
          {"And":[{"Variable":"$.s","StringMatches":"mig-*-v2"},{"Variable":"$.n","NumericGreaterThanEqualsPath":"$.min"},
                  {"Not":{"Variable":"$.gone","IsPresent":true}},{"Variable":"$.t","TimestampLessThan":"2030-01-01T00:00:00Z"}],"Next":"Yes"}],
          "Default":"No"},"Yes":{"Type":"Pass","Result":"yes","End":true},"No":{"Type":"Pass","Result":"no","End":true}}}
        """;
    assertThat(run(def, "{\"s\":\"mig-orders-v2\",\"n\":3,\"min\":3,\"t\":\"2029-05-01T10:00:00Z\"}").output().asText()).isEqualTo("yes");
    assertThat(run(def, "{\"s\":\"mig-orders-v2\",\"n\":2,\"min\":3,\"t\":\"2029-05-01T10:00:00Z\"}").output().asText()).isEqualTo("no");
  }
}
