package dev.ferry.engine;

import static dev.ferry.engine.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Numeric fields read from a path when the value there is not a JSON number, and JSONata results
 * that are one-item sequences or one-item arrays, as AWS's engine (and JSONata's reference
 * implementation) treat them.
 */
class NumericFieldsAndSequencesTest {
  private static ExecutionResult run(String definition, String input) {
    try (LocalEngine engine = LocalEngine.builder().lambda("slow", p -> p).build()) {
      return engine.start(definition, "numeric", json(input)).await(Duration.ofSeconds(10));
    }
  }

  private static final String MAP = """
      {"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.items",%s,
        "ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"End":true}}}
      """;

  @Test
  void aPathHoldingAnIntegerAsTextIsThatInteger() {
    ExecutionResult r = run(MAP.formatted("\"MaxConcurrencyPath\":\"$.limit\",\"ToleratedFailureCountPath\":\"$.count\",\"ToleratedFailurePercentagePath\":\"$.pct\""),
        "{\"items\":[1,2],\"limit\":\"1\",\"count\":\"0\",\"pct\":\"12.5\"}");
    assertThat(r.status()).as(r.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(r.output()).isEqualTo(json("[1,2]"));
  }

  @Test
  void aPathHoldingAFractionABooleanOrAnObjectIsNotAValidInteger() {
    for (String value : new String[] {"1.5", "true", "{}", "\"two\""}) {
      ExecutionResult r = run(MAP.formatted("\"MaxConcurrencyPath\":\"$.limit\""), "{\"items\":[1],\"limit\":" + value + "}");
      assertThat(r.error()).as(value).isEqualTo("States.Runtime");
      assertThat(r.cause()).as(value).contains("The MaxConcurrencyPath field refers to value").contains("which is not a valid integer: $.limit");
    }
    ExecutionResult pct = run(MAP.formatted("\"ToleratedFailurePercentagePath\":\"$.pct\""), "{\"items\":[1],\"pct\":[]}");
    assertThat(pct.cause()).contains("The ToleratedFailurePercentagePath field refers to value \"[]\" which is not a valid float: $.pct");
  }

  @Test
  void aLiteralOrJsonataNumberMustBeANumber() {
    ExecutionResult r = run("""
        {"QueryLanguage":"JSONata","StartAt":"M","States":{"M":{"Type":"Map","Items":"{% [1] %}","MaxConcurrency":"{% '2' %}",
          "ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"End":true}}}
        """, "{}");
    assertThat(r.error()).isEqualTo("States.QueryEvaluationError");
    assertThat(r.cause()).contains("MaxConcurrency field refers to value \"2\" which is not a valid integer");
  }

  @Test
  void timeoutAndWaitSecondsFromAPathAcceptIntegerTextAndRejectFractions() {
    String task = """
        {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:slow","TimeoutSecondsPath":"$.t","End":true}}}
        """;
    assertThat(run(task, "{\"t\":\"30\"}").status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    ExecutionResult fraction = run(task, "{\"t\":1.5}");
    assertThat(fraction.error()).isEqualTo("States.Runtime");
    assertThat(fraction.cause()).contains("TimeoutSecondsPath field refers to value \"1.5\" which is not a valid integer: $.t");

    String wait = """
        {"StartAt":"W","States":{"W":{"Type":"Wait","SecondsPath":"$.s","End":true}}}
        """;
    assertThat(run(wait, "{\"s\":\"5\"}").status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    ExecutionResult waitFraction = run(wait, "{\"s\":1.5}");
    assertThat(waitFraction.cause()).contains("The SecondsPath parameter cannot be parsed as a long value: $.s == 1.5");
  }

  @Test
  void aOneItemSequenceIsItsItemAndAOneItemArrayStaysAnArray() {
    ExecutionResult r = run("""
        {"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","Output":{
          "sequence":"{% $states.input.nums[$ > 2] %}",
          "distinctSequence":"{% $distinct($states.input.nums[$ > 2]) %}",
          "distinctArray":"{% $distinct([3, 3]) %}",
          "kept":"{% $states.input.nums[$ > 2][] %}",
          "mapped":"{% $map([2], function($v) { $v * 2 }) %}",
          "array":"{% $states.input.one %}"},"End":true}}}
        """, "{\"nums\":[1,2,3,3],\"one\":[5]}");
    assertThat(r.status()).as(r.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(r.output()).isEqualTo(json("{\"sequence\":[3,3],\"distinctSequence\":3,\"distinctArray\":[3],\"kept\":[3,3],\"mapped\":4,\"array\":[5]}"));
  }
}
