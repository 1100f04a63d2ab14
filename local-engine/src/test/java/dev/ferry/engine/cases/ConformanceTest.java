package dev.ferry.engine.cases;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Runs the shared corpus of cases recorded against AWS Step Functions and requires at least 95 %
 * of the reproducible ones to match (recordings whose values the recorder replaced with
 * placeholders are listed as "corpus" in conformance-known-failures.txt and reported apart).
 * Every case still failing must be listed there with a reason.
 */
class ConformanceTest {
  @Test
  void matchesAwsOnTheRecordedCases() throws IOException {
    String property = System.getProperty("ferry.conformance.cases");
    Path file = property != null ? Path.of(property) : Corpus.file("cases.jsonl");
    List<JsonNode> cases = CaseFile.read(file);
    List<CaseResult> failed = new ArrayList<>();
    for (JsonNode c : cases) {
      CaseResult result = CaseFile.run(c);
      if (!result.passed()) {
        failed.add(result);
      }
    }
    int passed = cases.size() - failed.size();
    Map<String, String> known = knownFailures();
    long unreproducible = cases.stream().filter(c -> known.getOrDefault(c.path("id").asText(), "").startsWith("corpus")).count();
    double gated = 100.0 * passed / (cases.size() - unreproducible);
    System.out.printf(
        "conformance: %d passed, %d failed of %d (%.1f%%); %d recordings no engine can reproduce; %.1f%% of the rest%n",
        passed, failed.size(), cases.size(), 100.0 * passed / cases.size(), unreproducible, gated);
    failed.forEach(f -> System.out.println("  FAIL " + f.id() + ": " + f.mismatch()));

    Set<String> unlisted = new TreeSet<>();
    failed.forEach(f -> {
      if (!known.containsKey(f.id())) {
        unlisted.add(f.id());
      }
    });
    assertThat(unlisted).as("failing cases missing from conformance-known-failures.txt").isEmpty();
    assertThat(gated).as("share of matching cases among reproducible recordings").isGreaterThanOrEqualTo(95.0);
  }

  /** Case id to "category: reason". */
  private static Map<String, String> knownFailures() throws IOException {
    Map<String, String> ids = new TreeMap<>();
    try (InputStream in = ConformanceTest.class.getResourceAsStream("/conformance-known-failures.txt")) {
      if (in == null) {
        return ids;
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String trimmed = line.strip();
        if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
          String[] parts = trimmed.split("\\s+", 2);
          ids.put(parts[0], parts.length > 1 ? parts[1] : "");
        }
      }
    }
    return ids;
  }
}
