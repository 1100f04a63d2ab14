package dev.ferry.dsl.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.dsl.Examples;
import dev.ferry.dsl.graph.MigrationGraph;
import org.junit.jupiter.api.Test;

class InputValidatorTest {
  private final MigrationGraph graph = Examples.postgresSchemaUpgrade().build();
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void validInputHasNoProblems() throws Exception {
    assertThat(InputValidator.problems(graph, json.readTree(
        "{\"target\":\"orders-db\",\"parameters\":{\"dbInstanceIdentifier\":\"db\",\"secretArn\":\"arn\",\"writers\":[]}}")))
        .isEmpty();
  }

  @Test
  void checksWhatTheMachineCannot() throws Exception {
    assertThat(InputValidator.problems(graph, json.readTree(
        "{\"target\":\"orders db!\",\"trigger\":\"cron\",\"parameters\":{\"secretArn\":3,\"writers\":{},\"extra\":1}}")))
        .containsExactly(
            "target: must be 1-200 characters of letters, digits and . _ : / -; got 'orders db!'",
            "trigger: must be one of api, console, schedule, event",
            "parameters.dbInstanceIdentifier: required string is missing",
            "parameters.secretArn: must be a string",
            "parameters.writers: must be a list of JSON objects",
            "parameters.extra: not a parameter of postgres-schema-upgrade; remove it or check the spelling");
  }
}
