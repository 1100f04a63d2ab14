package dev.ferry.worlds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.deploy.CompiledMachine;
import dev.ferry.deploy.ShippedMigrations;
import dev.ferry.deploy.TableNames;
import dev.ferry.deploy.rehearse.world.LocalFunction;
import dev.ferry.deploy.rehearse.world.LocalIntegration;
import dev.ferry.deploy.rehearse.world.RehearsalWorld;
import dev.ferry.deploy.rehearse.world.World;
import dev.ferry.tasks.TaskCatalog;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each seed runbook has a world on the class path that stands in for everything it calls that Ferry does not ship. */
class SeedWorldsTest {

  @ParameterizedTest
  @ValueSource(strings = {"metaflow-service-upgrade", "aurora-restore-pipeline-upgrade", "pachyderm-major-migration"})
  void theWorldStandsInForEveryFunctionAndIntegrationFerryDoesNotShip(String migration) {
    World world = RehearsalWorld.forMigration(migration, getClass().getClassLoader());
    CompiledMachine machine = ShippedMigrations.compile(migration, TableNames.DEFAULT);
    Set<String> ownFunctions = new TreeSet<>();
    Set<String> integrations = new TreeSet<>();
    collect(machine.definition().path("States"), ownFunctions, integrations);

    assertThat(world.functions()).extracting(LocalFunction::name).containsAll(ownFunctions);
    assertThat(integrations).allSatisfy(resource -> assertThat(world.integrations())
        .anyMatch(i -> resource.startsWith(i.resourcePrefix())));
    assertThat(world.parallel()).as("fixed names: runs one after another").isFalse();
  }

  /** The functions outside the catalogue and the aws-sdk integrations other than DynamoDB's, in every Task state. */
  private static void collect(JsonNode states, Set<String> functions, Set<String> integrations) {
    states.properties().forEach(entry -> {
      JsonNode state = entry.getValue();
      String function = state.path("Parameters").path("FunctionName").asText("");
      if (!function.isEmpty() && TaskCatalog.function(function).isEmpty()) {
        functions.add(function);
      }
      String resource = state.path("Resource").asText("");
      if (resource.startsWith("arn:aws:states:::aws-sdk:") && !resource.contains(":dynamodb:")) {
        integrations.add(resource);
      }
      for (JsonNode branch : state.path("Branches")) {
        collect(branch.path("States"), functions, integrations);
      }
    });
  }
}
