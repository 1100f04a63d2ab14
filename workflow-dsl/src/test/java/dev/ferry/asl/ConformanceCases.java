package dev.ferry.asl;

import static org.junit.jupiter.api.Assertions.fail;
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
 * The ASL definitions recorded against AWS Step Functions, read from {@code
 * -Dferry.conformance.cases=PATH}, by default {@code <repo>/../shared/asl-conformance/cases.jsonl}
 * where CI lays it out. Missing, the tests skip, or fail when {@code -Dferry.conformance.required=true}
 * (as {@code ./build test} sets).
 */
final class ConformanceCases {

    static final String PROPERTY = "ferry.conformance.cases";
    /** Tests run in the module's folder: the repository is its parent. */
    private static final String DEFAULT_PATH = "../../shared/asl-conformance/cases.jsonl";

    record Case(String id, String definition) {}

    private ConformanceCases() {}

    /** The cases, or a skipped test (with the reason) when the file is not there. */
    static List<Case> load() {
        var path = Path.of(System.getProperty(PROPERTY, DEFAULT_PATH));
        if (!Files.isRegularFile(path)) {
            String why = "ASL conformance cases not found at " + path.toAbsolutePath().normalize()
                    + "; lay out shared/asl-conformance beside the repository or set -D" + PROPERTY + "=PATH to cases.jsonl";
            if (Boolean.getBoolean("ferry.conformance.required")) {
                fail(why);
            }
            assumeTrue(false, why);
        }
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
