package dev.ferry.asl;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The ASL definitions recorded against AWS Step Functions, read from
 * {@code -Dferry.conformance.cases=PATH} (default {@code /work/shared/asl-conformance/cases.jsonl}).
 */
final class ConformanceCases {

    static final String PROPERTY = "ferry.conformance.cases";
    private static final String DEFAULT_PATH = "/work/shared/asl-conformance/cases.jsonl";

    record Case(String id, String definition) {}

    private ConformanceCases() {}

    /** The cases, or a skipped test (with the reason) when the file is not there. */
    static List<Case> load() {
        var path = Path.of(System.getProperty(PROPERTY, DEFAULT_PATH));
        assumeTrue(Files.isRegularFile(path), () -> "ASL conformance cases not found at " + path
                + "; set -D" + PROPERTY + "=PATH to cases.jsonl to run this test");
        var mapper = JsonMapper.builder().build();
        var cases = new ArrayList<Case>();
        try {
            for (var line : Files.readAllLines(path)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = mapper.readTree(line);
                var definition = node.get("definition");
                cases.add(new Case(node.path("id").asText(),
                        definition.isTextual() ? definition.asText() : definition.toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }
}
