package dev.ferry.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MigrationDefinitionTest {

  @Test
  void definitionsAreFoundOnTheClassPath() {
    assertThat(MigrationDefinition.discover()).extracting(MigrationDefinition::name)
        .containsExactly("postgres-schema-upgrade");
    assertThat(MigrationDefinition.discover().getFirst().graph().steps()).hasSize(7);
  }
}
