package dev.ferry.machines.examples;

import static org.assertj.core.api.Assertions.assertThat;

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

  @Test
  void everyCommittedFileBelongsToAShippedMigration() throws IOException {
    List<String> expected = ShippedExamples.all().stream().map(m -> m.asl().getFileName().toString()).toList();
    try (Stream<java.nio.file.Path> files = Files.list(ShippedExamples.GENERATED)) {
      assertThat(files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".asl.json")))
          .as("state-machines/generated holds ASL of a migration that is no longer shipped; delete it")
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
