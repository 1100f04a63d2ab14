package dev.ferry.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutionNameTest {

  static InputDocument input(String target, String... params) {
    return new InputDocument(target, "alice", "api", InputDocument.parameters(List.of(params)));
  }

  @Test
  void sameRequestSameNameAndDifferentRequestsDifferentNames() {
    String a = ExecutionName.of("schema-upgrade", input("orders-db", "v=3"), "CHG-1");
    assertThat(ExecutionName.of("schema-upgrade", input("orders-db", "v=3"), "CHG-1")).isEqualTo(a);
    assertThat(ExecutionName.of("schema-upgrade", input("orders-db", "v=3"), "CHG-2")).isNotEqualTo(a);
    assertThat(ExecutionName.of("schema-upgrade", input("billing-db", "v=3"), "CHG-1")).isNotEqualTo(a);
    assertThat(a).matches("schema-upgrade-orders-db-CHG-1-[0-9a-f]{10}");
  }

  @Test
  void withoutARequestIdTheInputDocumentIdentifiesTheRequestRegardlessOfKeyOrder() {
    ObjectNode ab = InputDocument.parameters(List.of("a=1", "b=2"));
    ObjectNode ba = InputDocument.parameters(List.of("b=2", "a=1"));
    String first = ExecutionName.of("m", new InputDocument("t", "x", "api", ab), null);
    assertThat(ExecutionName.of("m", new InputDocument("t", "x", "api", ba), null)).isEqualTo(first);
    assertThat(ExecutionName.of("m", input("t", "a=1", "b=3"), null)).isNotEqualTo(first);
  }

  @Test
  void namesKeepToStepFunctionsCharactersAndLengthAndStillDifferWhenReducedAlike() {
    String slash = ExecutionName.of("m", input("prod/orders:db"), "2026-11-21");
    String dash = ExecutionName.of("m", input("prod-orders-db"), "2026-11-21");
    assertThat(slash).matches("[A-Za-z0-9_-]{1,80}");
    assertThat(slash).isNotEqualTo(dash);
    String longName = ExecutionName.of("a-very-long-migration-name-for-tests", input("t".repeat(200)), "x".repeat(100));
    assertThat(longName).hasSize(80).matches("[A-Za-z0-9_-]+");
  }

  @Test
  void inputValidationNamesTheField() {
    assertThatThrownBy(() -> input("orders db")).isInstanceOf(FerryException.class).hasMessageContaining("target 'orders db'");
    assertThatThrownBy(() -> new InputDocument("t", "x", "cron", InputDocument.parameters(List.of())))
        .hasMessageContaining("trigger 'cron'");
    assertThatThrownBy(() -> InputDocument.parameters(List.of("novalue"))).hasMessageContaining("parameter 'novalue'");
    assertThat(InputDocument.parameters(List.of("n=7", "s=abc", "q=\"7\"")).toString())
        .isEqualTo("{\"n\":7,\"s\":\"abc\",\"q\":\"7\"}");
  }
}
