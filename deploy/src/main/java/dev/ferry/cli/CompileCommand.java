package dev.ferry.cli;

import dev.ferry.deploy.load.LoadProblem;
import dev.ferry.deploy.load.MigrationCatalog;
import dev.ferry.dsl.MigrationValidationException;
import dev.ferry.dsl.compile.CompiledMigration;
import dev.ferry.dsl.compile.Compiler;
import dev.ferry.dsl.render.GraphRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ferry compile <migration> | --all [--out DIR]}: the ASL of one migration (to standard
 * output, or {@code DIR/<migration>.asl.json}) or of every migration (files in DIR). Files come
 * with the migration's Mermaid graph ({@code <migration>.mmd}) so a reviewer sees both change.
 */
@Command(name = "compile", description = {
    "Compile migrations to Amazon States Language.",
    "Writes <migration>.asl.json and its Mermaid graph <migration>.mmd into DIR, or prints one migration's ASL."})
final class CompileCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @ArgGroup(multiplicity = "1")
  Which which;

  static final class Which {
    @Parameters(paramLabel = "MIGRATION|FILE.java", description = "the migration to compile (see ferry list), or a source file declaring it")
    String migration;

    @Option(names = "--all", description = "compile every migration")
    boolean all;
  }

  @Mixin ClassPathOptions classpath;

  @Option(names = "--out", paramLabel = "DIR",
      description = "directory to write <migration>.asl.json into (created if missing); with --all the default is the current directory")
  Path out;

  @Override
  public Integer call() {
    try (MigrationCatalog catalog = classpath.open(which.migration)) {
      return compile(catalog);
    }
  }

  private int compile(MigrationCatalog catalog) {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<MigrationCatalog.Found> chosen = which.all ? catalog.migrations() : List.of(catalog.resolve(which.migration));
    Path dir = out != null ? out : which.all ? Path.of(".") : null;
    int status = 0;
    if (which.all) {
      for (LoadProblem problem : catalog.problems()) {
        err.println("ferry compile: not loaded: " + problem.message());
        status = 1;
      }
    }
    for (MigrationCatalog.Found d : chosen) {
      CompiledMigration compiled;
      try {
        compiled = Compiler.compile(d.graph());
      } catch (MigrationValidationException e) {
        err.println(e.getMessage());
        status = 1;
        continue;
      }
      CompileWarnings.print(err, "compile", compiled.warnings());
      if (dir == null) {
        stdout.print(compiled.json());
        continue;
      }
      Path file = dir.resolve(d.name() + ".asl.json");
      try {
        Files.createDirectories(dir);
        Files.writeString(file, compiled.json(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(d.name() + ".mmd"), GraphRenderer.mermaid(compiled.graph()), StandardCharsets.UTF_8);
      } catch (IOException e) {
        err.println(file + ": cannot be written (" + e.getClass().getSimpleName() + ": " + e.getMessage()
            + "); check the directory exists and is writable");
        return 1;
      }
      stdout.printf("%s: %,d bytes, %d states%n", file, compiled.sizeBytes(), compiled.machine().states().size());
    }
    stdout.flush();
    err.flush();
    return status;
  }
}
