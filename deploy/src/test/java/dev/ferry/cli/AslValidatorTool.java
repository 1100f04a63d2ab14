package dev.ferry.cli;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The npm asl-validator through {@code tools/asl/validate.mjs}. A test skips when node or the
 * tools are missing, and fails instead under {@code -Dferry.asl-tools.required=true} (./build test).
 */
final class AslValidatorTool {
  private AslValidatorTool() {}

  static void requireOrSkip() {
    Optional<String> why = unavailable();
    if (why.isPresent() && Boolean.getBoolean("ferry.asl-tools.required")) {
      fail("ferry.asl-tools.required=true but " + why.get());
    }
    assumeTrue(why.isEmpty(), () -> why.orElse(""));
  }

  /** asl-validator's verdict on one definition file: {@code {file, isValid, errors}}. */
  static JsonNode validate(Path definition) throws Exception {
    Path script = tools().orElseThrow().resolve("validate.mjs");
    Process p = new ProcessBuilder("node", script.toString(), definition.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("validate.mjs did not finish within 60 s");
    }
    return new ObjectMapper().readTree(out.lines().filter(l -> l.startsWith("{")).findFirst()
        .orElseThrow(() -> new IllegalStateException("validate.mjs printed no verdict: " + out)));
  }

  private static Optional<String> unavailable() {
    Optional<Path> tools = tools();
    if (tools.isEmpty()) {
      return Optional.of("tools/asl/validate.mjs not found above " + Path.of("").toAbsolutePath());
    }
    if (!Files.isDirectory(tools.get().resolve("node_modules/asl-validator"))) {
      return Optional.of("asl-validator is not installed; run: npm ci --prefix tools/asl");
    }
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0 ? Optional.empty() : Optional.of("node does not run");
    } catch (Exception e) {
      return Optional.of("node is not on PATH: " + e.getMessage());
    }
  }

  private static Optional<Path> tools() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("tools/asl");
      if (Files.isRegularFile(candidate.resolve("validate.mjs"))) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
