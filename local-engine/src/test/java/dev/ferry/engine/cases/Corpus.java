package dev.ferry.engine.cases;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared corpus of recorded cases, found where CI lays it out: {@code <repo>/../shared/asl-conformance}
 * ({@code -Dferry.conformance.dir=DIR} to point elsewhere). Missing, a test skips, or fails when
 * {@code -Dferry.conformance.required=true} (as {@code ./build test} sets).
 */
final class Corpus {
  private Corpus() {}

  static Path file(String name) {
    // Tests run in the module's folder: the repository is its parent.
    Path dir = Path.of(System.getProperty("ferry.conformance.dir", "../../shared/asl-conformance"));
    Path file = dir.resolve(name);
    if (!Files.isRegularFile(file)) {
      String why = "The conformance corpus " + file.toAbsolutePath().normalize() + " is missing; lay out shared/asl-conformance beside the repository or set -Dferry.conformance.dir=DIR.";
      if (Boolean.getBoolean("ferry.conformance.required")) {
        fail(why);
      }
      assumeTrue(false, why);
    }
    return file;
  }
}
