package dev.ferry.machines.examples;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The independent ASL tools pinned in {@code tools/asl}: asl-validator and aws-local-stepfunctions,
 * run with Node. Tests skip when they are missing, unless {@code -Dferry.asl-tools.required=true}
 * (set by {@code ./build test}) makes that a failure.
 */
final class AslTools {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AslTools() {}

  /** Skips the calling test (or fails it, when the tools are required) if the tools cannot run. */
  static void requireAvailable() {
    Optional<String> why = unavailable();
    if (why.isPresent() && Boolean.getBoolean("ferry.asl-tools.required")) {
      fail("ferry.asl-tools.required=true but " + why.get());
    }
    assumeTrue(why.isEmpty(), () -> "ASL cross-checks skipped: " + why.orElse(""));
  }

  private static Optional<String> unavailable() {
    Optional<Path> tools = dir();
    if (tools.isEmpty()) {
      return Optional.of("tools/asl is not found above " + Path.of("").toAbsolutePath());
    }
    for (String module : List.of("asl-validator", "aws-local-stepfunctions")) {
      if (!Files.isDirectory(tools.get().resolve("node_modules").resolve(module))) {
        return Optional.of(module + " is not installed; run: npm ci --prefix tools/asl");
      }
    }
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0 ? Optional.empty() : Optional.of("node does not run");
    } catch (IOException | InterruptedException e) {
      return Optional.of("node is not on PATH (" + e.getMessage() + "); install Node 20+");
    }
  }

  /** asl-validator's verdict on one file: {@code {file, isValid, errors}}. */
  static JsonNode validate(Path definition) throws IOException, InterruptedException {
    return node("validate.mjs", List.of(definition.toString()));
  }

  /** One run in aws-local-stepfunctions: {@code {status, output | error, cause, visited}}. */
  static JsonNode runLocal(Path definition, Path input, Path mocks, String testCase, String machineName)
      throws IOException, InterruptedException {
    return node("run-local.mjs", List.of("--definition", definition.toString(), "--input", input.toString(),
        "--mocks", mocks.toString(), "--test-case", testCase, "--state-machine", machineName));
  }

  private static JsonNode node(String script, List<String> args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("node", dir().orElseThrow().resolve(script).toString()));
    command.addAll(args);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(script + " did not finish in 120 s: " + String.join(" ", command));
    }
    return JSON.readTree(out.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b)
        .orElseThrow(() -> new IllegalStateException(script + " printed no JSON line (exit " + p.exitValue() + "): " + out)));
  }

  private static Optional<Path> dir() {
    for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
      Path candidate = at.resolve("tools/asl");
      if (Files.isRegularFile(candidate.resolve("run-local.mjs"))) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
