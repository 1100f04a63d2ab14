package dev.ferry.deploy.rehearse.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.deploy.FerryException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Worlds are found by migration name on a class loader, and a mistaken declaration is refused by name. */
class WorldTest {

  private static final ClassLoader LOADER = WorldTest.class.getClassLoader();

  @Test
  void theShippedWorldIsFoundByItsMigrationsName() {
    World world = RehearsalWorld.forMigration("postgres-schema-upgrade", LOADER);
    assertThat(world.databases()).extracting(Database::name).containsExactly("orders-db");
    assertThat(world.writers()).extracting(Writer::name).containsExactly("orders-writer");
    assertThat(world.invariants()).extracting(Invariant::name).containsExactly("database orders-db");
    assertThat(world.parallel()).isTrue();
  }

  @Test
  void aMigrationWithoutAWorldIsRefusedWithTheWorldsThatExistAndHowToRegisterOne() {
    assertThatThrownBy(() -> RehearsalWorld.forMigration("orders-status-column", LOADER))
        .isInstanceOf(FerryException.class)
        .hasMessageContaining("'orders-status-column' has no rehearsal world")
        .hasMessageContaining("postgres-schema-upgrade")
        .satisfies(e -> assertThat(((FerryException) e).hint())
            .contains("META-INF/services/dev.ferry.deploy.rehearse.world.RehearsalWorld")
            .contains("World.forMigration(\"orders-status-column\")"));
  }

  @Test
  void aWriterIntoAnUndeclaredDatabaseOrANameDeclaredTwiceIsRefused() {
    assertThatThrownBy(() -> World.forMigration("m").writer(Writer.inserting("w").into("orders", "orders"))
        .input(run -> RunInput.target("t")).build())
        .hasMessageContaining("writer 'w' writes into database 'orders', which the world does not declare");
    assertThatThrownBy(() -> World.forMigration("m").database(Database.postgres("a").empty())
        .database(Database.postgres("a").empty()).input(run -> RunInput.target("t")).build())
        .hasMessageContaining("database 'a' is declared twice");
    assertThatThrownBy(() -> World.forMigration("m").build()).hasMessageContaining("has no input");
  }

  @Test
  void tableItemsMustCarryTheirKeysAndSimpleValues() {
    Table table = Table.named("AuroraRestoreState", "id").withItem(Map.of("id", "op-1", "status", "DONE", "n", 3));
    assertThat(table.items().getFirst().get("n").n()).isEqualTo("3");
    assertThatThrownBy(() -> Table.named("T", "id").withItem(Map.of("status", "DONE")))
        .hasMessageContaining("lacks its key id");
  }

  @Test
  void aRunInputCarriesTypedParameters() {
    RunInput input = RunInput.target("orders-db-r01").parameter("targetVersion", "3").parameter("retries", 2)
        .parameter("writers", java.util.List.of(Map.of("type", "local", "name", "w-r01")));
    assertThat(input.parameters().path("retries").asInt()).isEqualTo(2);
    assertThat(input.parameters().path("writers").get(0).path("name").asText()).isEqualTo("w-r01");
  }
}
