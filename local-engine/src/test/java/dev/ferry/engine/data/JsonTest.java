package dev.ferry.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The streaming reader and writer give the same trees and text as Jackson's ObjectMapper. */
class JsonTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "1", "-1", "2147483648", "-2147483649", "9223372036854775808", "12345678901234567890123", "1.0", "1.50", "0.0",
        "-0.0", "1E+2", "1e400", "1.5e-7", "100.0", "0.1", "3.14159265358979323846264338327950288", "-0", "0e0",
        "\"a\\u00e9\\n\\\"\"", "null", "true", "false", "[]", "{}", "\"\"", "",
        "{\"a\":1,\"a\":2,\"b\":[1,2.50,{\"c\":null}],\"d\":{\"e\":[[]]}}"
      })
  void readsAndWritesAsTheObjectMapperDoes(String text) throws Exception {
    JsonNode expected = Json.mapper().readTree(text);
    JsonNode parsed = Json.parse(text);
    assertThat(parsed).isEqualTo(expected);
    assertThat(parsed.getClass()).isEqualTo(expected.getClass());
    if (!expected.isMissingNode()) {
      assertThat(Json.write(parsed)).isEqualTo(Json.mapper().writeValueAsString(expected));
    }
  }

  @Test
  void writesTheNumbersTheEngineMakesAsTheObjectMapperDoes() throws Exception {
    for (JsonNode n :
        new JsonNode[] {
          Json.NODES.numberNode(new BigDecimal("1.500")), Json.number(new BigDecimal("2.50")), Json.number(3.0), JsonNodeFactory.instance.numberNode(1.5d),
          JsonNodeFactory.instance.numberNode(1.5f), JsonNodeFactory.instance.numberNode((short) 3), Json.NODES.binaryNode(new byte[] {1, 2})
        }) {
      assertThat(Json.write(n)).as(n.getClass().getSimpleName()).isEqualTo(Json.mapper().writeValueAsString(n));
    }
  }

  @Test
  void badJsonIsRejectedWithTheParsersMessage() {
    assertThatThrownBy(() -> Json.parse("{\"a\" 1}")).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not valid JSON: Unexpected character ('1'");
    assertThatThrownBy(() -> Json.parse("[1,")).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not valid JSON: Unexpected end-of-input");
  }
}
