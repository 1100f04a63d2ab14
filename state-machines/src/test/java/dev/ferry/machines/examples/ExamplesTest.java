package dev.ferry.machines.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.dsl.Parameter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Each migration's examples/: an input the contract accepts, and a mocks.json generated from the
 * compiled machine and responses.json. {@code -Dferry.update-examples=true} rewrites mocks.json.
 */
class ExamplesTest {
  private static final String REGENERATE = "run ./build -pl state-machines -am -Dtest=ExamplesTest"
      + " -Dsurefire.failIfNoSpecifiedTests=false -Dferry.update-examples=true verify";

  @TestFactory
  Stream<DynamicTest> inputIsAValidFerryDocument() {
    return ShippedExamples.all().stream().map(m -> DynamicTest.dynamicTest(m.name(), () -> {
      JsonNode input = ShippedExamples.read(m.input());
      assertThat(input.path("target").asText()).matches("[A-Za-z0-9._:/-]{1,200}");
      assertThat(input.path("trigger").asText("api")).isIn("api", "console", "schedule", "event");
      assertThat(problems(m, input.path("parameters"))).as(m.input().toString()).isEmpty();
    }));
  }

  private static List<String> problems(ShippedExamples m, JsonNode parameters) {
    List<String> problems = new ArrayList<>();
    for (Parameter<?> p : m.definition().graph().parameters()) {
      JsonNode value = parameters.get(p.name());
      if (value == null) {
        if (p.required()) {
          problems.add("parameters." + p.name() + " is required");
        }
        continue;
      }
      boolean typed = switch (p.type()) {
        case STRING -> value.isTextual();
        case NUMBER -> value.isNumber();
        case BOOLEAN -> value.isBoolean();
        case STRING_LIST -> value.isArray();
        case OBJECT -> value.isObject() || value.isArray();
      };
      if (!typed) {
        problems.add("parameters." + p.name() + " must be a " + p.type().words());
      }
    }
    parameters.fieldNames().forEachRemaining(name -> {
      if (m.definition().graph().parameter(name).isEmpty()) {
        problems.add("parameters." + name + " is not a parameter of " + m.name());
      }
    });
    return problems;
  }

  @TestFactory
  Stream<DynamicTest> committedMocksMatchAFreshGeneration() {
    return ShippedExamples.all().stream().map(m -> DynamicTest.dynamicTest(m.name(), () -> {
      String fresh = ShippedExamples.text(m.freshMocks());
      if (Boolean.getBoolean("ferry.update-examples")) {
        Files.writeString(m.mocks(), fresh);
      }
      assertThat(m.mocks()).as("state-machines/%s is missing; %s", m.mocks(), REGENERATE).isRegularFile();
      assertThat(Files.readString(m.mocks()))
          .as("state-machines/%s differs from one generated from the compiled machine and responses.json; %s",
              m.mocks(), REGENERATE)
          .isEqualTo(fresh);
    }));
  }
}
