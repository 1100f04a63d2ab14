package dev.ferry.dsl.compile;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs {@code tools/asl/validate.mjs} (the npm asl-validator) when node and the tools are installed. */
final class NodeTools {
  private NodeTools() {}

  /** Why the cross-check cannot run here, or empty when it can. */
  static Optional<String> unavailable() {
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

  /** asl-validator's verdict on one definition file: {@code {file, isValid, errors}}. */
  static JsonNode validate(Path definition) throws Exception {
    Path script = tools().orElseThrow().resolve("validate.mjs");
    Process p = new ProcessBuilder("node", script.toString(), definition.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(60, TimeUnit.SECONDS);
    return new ObjectMapper().readTree(out.lines().filter(l -> l.startsWith("{")).findFirst()
        .orElseThrow(() -> new IllegalStateException("validate.mjs printed no verdict: " + out)));
  }

  /**
   * Runs a definition in aws-local-stepfunctions with {@code tools/asl/run-local.mjs}, Task
   * responses from a MockConfigFile; prints {@code {status, output | error, cause, visited}}.
   */
  static JsonNode run(Path definition, Path input, Path mocks, String machine, String testCase) throws Exception {
    Path script = tools().orElseThrow().resolve("run-local.mjs");
    Process p = new ProcessBuilder("node", script.toString(), "--definition", definition.toString(),
        "--input", input.toString(), "--mocks", mocks.toString(), "--test-case", testCase, "--state-machine", machine)
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(120, TimeUnit.SECONDS);
    return new ObjectMapper().readTree(out.lines().filter(l -> l.startsWith("{")).findFirst()
        .orElseThrow(() -> new IllegalStateException("run-local.mjs printed no result: " + out)));
  }

  /**
   * Skips the calling test when {@code why} says the tools are missing, or fails it when
   * {@code -Dferry.asl-tools.required=true} (as the full build sets), so a missing install
   * cannot pass as green.
   */
  static void requireOrSkip(Optional<String> why) {
    failIfRequired(why);
    assumeTrue(why.isEmpty(), () -> why.orElse(""));
  }

  /** Fails when {@code why} says the tools are missing and {@code -Dferry.asl-tools.required=true}. */
  static void failIfRequired(Optional<String> why) {
    if (why.isPresent() && Boolean.getBoolean("ferry.asl-tools.required")) {
      fail("ferry.asl-tools.required=true but " + why.get());
    }
  }

  /** Why machines cannot be run here, or empty when they can. */
  static Optional<String> engineUnavailable() {
    Optional<String> why = unavailable();
    if (why.isPresent()) {
      return why;
    }
    return Files.isDirectory(tools().orElseThrow().resolve("node_modules/aws-local-stepfunctions"))
        ? Optional.empty()
        : Optional.of("aws-local-stepfunctions is not installed; run: npm ci --prefix tools/asl");
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
