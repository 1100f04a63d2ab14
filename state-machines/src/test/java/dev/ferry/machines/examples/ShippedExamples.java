package dev.ferry.machines.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ferry.dsl.MigrationDefinition;
import dev.ferry.dsl.compile.CompiledMigration;
import dev.ferry.dsl.compile.Compiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The shipped migrations with their committed files: generated ASL and examples. */
record ShippedExamples(MigrationDefinition definition) {
  static final Path GENERATED = Path.of("generated");
  static final Path EXAMPLES = Path.of("examples");
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  static List<ShippedExamples> all() {
    return MigrationDefinition.discover().stream().map(ShippedExamples::new).toList();
  }

  String name() {
    return definition.name();
  }

  CompiledMigration compile() {
    return Compiler.compile(definition.graph());
  }

  Path asl() {
    return GENERATED.resolve(name() + ".asl.json");
  }

  Path mermaid() {
    return GENERATED.resolve(name() + ".mmd");
  }

  Path input() {
    return EXAMPLES.resolve(name()).resolve("input.json");
  }

  Path responses() {
    return EXAMPLES.resolve(name()).resolve("responses.json");
  }

  Path mocks() {
    return EXAMPLES.resolve(name()).resolve("mocks.json");
  }

  /** The MockConfigFile generated from a fresh compile and the hand-written sample results. */
  JsonNode freshMocks() throws IOException {
    return MockConfig.generate(name(), compile(), JSON.readTree(responses().toFile()));
  }

  static String text(JsonNode json) throws IOException {
    return JSON.writeValueAsString(json) + "\n";
  }

  static JsonNode read(Path file) throws IOException {
    return JSON.readTree(Files.readString(file));
  }
}
