package dev.ferry.machines.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.dsl.render.GraphRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The ASL committed under generated/ is exactly what the compiler makes of today's migrations. */
class GeneratedAslTest {
  private static final String REGENERATE = "run ./ferry compile --all --out state-machines/generated";

  @TestFactory
  Stream<DynamicTest> committedAslMatchesAFreshCompile() {
    return ShippedExamples.all().stream().map(m -> DynamicTest.dynamicTest(m.name(), () -> {
      assertThat(m.asl()).as("state-machines/%s is missing; %s", m.asl(), REGENERATE).isRegularFile();
      assertThat(Files.readString(m.asl()))
          .as("state-machines/%s differs from a fresh compile of %s; %s", m.asl(), m.name(), REGENERATE)
          .isEqualTo(m.compile().json());
    }));
  }

  @TestFactory
  Stream<DynamicTest> committedMermaidMatchesTheGraph() {
    return ShippedExamples.all().stream().map(m -> DynamicTest.dynamicTest(m.name(), () -> {
      assertThat(m.mermaid()).as("state-machines/%s is missing; %s", m.mermaid(), REGENERATE).isRegularFile();
      assertThat(Files.readString(m.mermaid()))
          .as("state-machines/%s differs from the graph of %s; %s", m.mermaid(), m.name(), REGENERATE)
          .isEqualTo(GraphRenderer.mermaid(m.definition().graph()));
    }));
  }

  @Test
  void everyCommittedFileBelongsToAShippedMigration() throws IOException {
    List<String> expected = ShippedExamples.all().stream()
        .flatMap(m -> Stream.of(m.asl(), m.mermaid()))
        .map(f -> f.getFileName().toString())
        .toList();
    try (Stream<java.nio.file.Path> files = Files.list(ShippedExamples.GENERATED)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .as("state-machines/generated should hold exactly <migration>.asl.json and .mmd of each shipped migration;"
              + " delete files of migrations no longer shipped and %s", REGENERATE)
          .containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  void compilingTwiceGivesTheSameBytes() {
    for (ShippedExamples m : ShippedExamples.all()) {
      assertThat(m.compile().json()).as(m.name()).isEqualTo(m.compile().json());
    }
  }
}
