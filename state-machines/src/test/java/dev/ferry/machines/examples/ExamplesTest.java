package dev.ferry.machines.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.dsl.validate.InputValidator;
import java.nio.file.Files;
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
    return ShippedExamples.all().stream().map(m -> DynamicTest.dynamicTest(m.name(), () ->
        assertThat(InputValidator.problems(m.definition().graph(), ShippedExamples.read(m.input())))
            .as("problems of %s", m.input())
            .isEmpty()));
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
