package dev.ferry.maven;

import dev.ferry.asl.AslProblem;
import dev.ferry.asl.AslValidator;
import dev.ferry.deploy.load.LoadProblem;
import dev.ferry.deploy.load.MigrationCatalog;
import dev.ferry.dsl.MigrationValidationException;
import dev.ferry.dsl.compile.CompiledMigration;
import dev.ferry.dsl.compile.Compiler;
import dev.ferry.dsl.plan.Planner;
import dev.ferry.dsl.render.GraphRenderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A project's own migrations, loaded from its runtime class path with the {@code ferry} command's
 * loader: what the goals compile, plan and check. Ferry's shipped migrations are left out.
 */
final class ProjectMigrations implements AutoCloseable {

  private final MigrationCatalog catalog;

  private ProjectMigrations(MigrationCatalog catalog) {
    this.catalog = catalog;
  }

  /** Entries that do not exist (a project without resources has no classes folder) are skipped. */
  static ProjectMigrations load(List<Path> runtimeClasspath) {
    List<Path> existing = runtimeClasspath.stream().filter(Files::exists).toList();
    return new ProjectMigrations(MigrationCatalog.load(existing, ProjectMigrations.class.getClassLoader()));
  }

  List<MigrationCatalog.Found> migrations() {
    return catalog.userMigrations();
  }

  /** What could not be loaded, each naming the class, where it came from and why. */
  List<String> loadProblems() {
    return catalog.problems().stream().map(LoadProblem::message).toList();
  }

  /** Writes {@code <name>.asl.json} and {@code <name>.mmd} of each migration; one line per file pair. */
  List<String> compileInto(Path dir) throws IOException {
    List<String> lines = new ArrayList<>();
    Files.createDirectories(dir);
    for (MigrationCatalog.Found migration : migrations()) {
      CompiledMigration compiled = Compiler.compile(migration.graph());
      Path asl = dir.resolve(migration.name() + ".asl.json");
      Files.writeString(asl, compiled.json(), StandardCharsets.UTF_8);
      Files.writeString(dir.resolve(migration.name() + ".mmd"), GraphRenderer.mermaid(compiled.graph()), StandardCharsets.UTF_8);
      lines.add(asl + ": " + compiled.sizeBytes() + " bytes, " + compiled.machine().states().size() + " states");
    }
    return lines;
  }

  /** Each migration's plan: steps, pause window, compensations and state transitions. */
  List<String> plans() {
    List<String> lines = new ArrayList<>();
    for (MigrationCatalog.Found migration : migrations()) {
      lines.addAll(Planner.plan(Compiler.compile(migration.graph())).describe());
      lines.add("");
    }
    return lines;
  }

  /**
   * Every problem of the project's migrations: load failures, broken safety rules (each naming the
   * rule and the step), and ASL that AWS would refuse. Empty when all pass.
   */
  List<String> check() {
    List<String> problems = new ArrayList<>(loadProblems());
    for (MigrationCatalog.Found migration : migrations()) {
      try {
        CompiledMigration compiled = Compiler.compile(migration.graph());
        for (AslProblem p : AslValidator.validate(compiled.machine(), compiled.sizeBytes())) {
          problems.add(migration.name() + " (" + migration.className() + "): " + p.message());
        }
      } catch (MigrationValidationException e) {
        problems.add(migration.className() + ": " + e.getMessage());
      }
    }
    return problems;
  }

  @Override
  public void close() {
    catalog.close();
  }
}
