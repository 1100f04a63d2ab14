package dev.ferry.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The training run the {@code ferry} launcher records its JVM start-up cache from after each
 * build (JDK 25's AOT cache, class-data sharing on JDK 21-24): the commands people start most —
 * {@code --version}, {@code list}, {@code plan}, {@code compile} and {@code exec} of a small
 * machine, repeated so the engine's code is profiled — with their output discarded.
 */
public final class StartupTraining {
  private StartupTraining() {}

  public static void main(String[] args) throws IOException {
    Path dir = Files.createTempDirectory("ferry-training");
    try {
      Path pass = dir.resolve("pass.asl.json");
      Files.writeString(pass, "{\"StartAt\":\"Check\",\"States\":{\"Check\":{\"Type\":\"Choice\",\"Choices\":[{\"Variable\":\"$.n\",\"NumericGreaterThan\":1,\"Next\":\"Done\"}],\"Default\":\"Done\"},"
          + "\"Done\":{\"Type\":\"Pass\",\"Parameters\":{\"n.$\":\"$.n\"},\"End\":true}}}");
      run("--version");
      String listed = run("list");
      String first = listed.isBlank() ? null : listed.strip().split("\\s+", 2)[0];
      if (first != null) {
        run("plan", first);
        run("compile", first, "--out", dir.resolve("out").toString());
      }
      run("exec", "--definition", pass.toString(), "--input", "{\"n\":2}", "--repeat", "2000");
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static String run(String... args) {
    StringWriter out = new StringWriter();
    Ferry.commandLine(args[0]).setOut(new PrintWriter(out)).setErr(new PrintWriter(Writer.nullWriter())).execute(args);
    return out.toString();
  }
}
