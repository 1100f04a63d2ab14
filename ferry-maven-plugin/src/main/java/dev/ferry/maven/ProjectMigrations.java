package dev.ferry.maven;

import dev.ferry.asl.AslProblem;
import dev.ferry.asl.AslValidator;
import dev.ferry.deploy.ShippedMigrations;
import dev.ferry.deploy.TableNames;
import dev.ferry.deploy.load.LoadProblem;
import dev.ferry.deploy.load.MigrationCatalog;
import dev.ferry.deploy.rehearse.FaultKind;
import dev.ferry.deploy.rehearse.Rehearsal;
import dev.ferry.deploy.rehearse.world.RehearsalWorld;
import dev.ferry.deploy.rehearse.world.World;
import dev.ferry.dsl.MigrationValidationException;
import dev.ferry.dsl.compile.CompiledMigration;
import dev.ferry.dsl.compile.Compiler;
import dev.ferry.dsl.validate.Warnings;
import dev.ferry.dsl.plan.Planner;
import dev.ferry.dsl.render.GraphRenderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

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

  /**
   * What the compiler points out without failing the build (a scheduled migration whose approval
   * comes after a change), one line per warning naming the migration's class.
   */
  List<String> warnings() {
    List<String> lines = new ArrayList<>();
    for (MigrationCatalog.Found migration : migrations()) {
      Warnings.of(migration.graph()).forEach(w -> lines.add(migration.className() + ": " + w));
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

  /**
   * Rehearses each migration that has a rehearsal world on the project's class path (a {@code
   * RehearsalWorld} service): once fault-free, then every fault at every step. One line per run,
   * then per migration its counts; the migrations without a world are named at the end.
   */
  List<String> rehearse(List<String> failures) throws Exception {
    List<String> lines = new ArrayList<>();
    List<String> withoutWorld = new ArrayList<>();
    for (MigrationCatalog.Found migration : migrations()) {
      Optional<World> world = RehearsalWorld.find(migration.name(), catalog.classLoader());
      if (world.isEmpty()) {
        withoutWorld.add(migration.name());
        continue;
      }
      Rehearsal.Plan plan = Rehearsal.Plan.everything(ShippedMigrations.compile(migration, TableNames.DEFAULT), world.get());
      Rehearsal.Report report = Rehearsal.run(plan, run -> {
        String line = migration.name() + " " + run.step().orElse("(fault-free)") + " "
            + run.fault().map(FaultKind::cliName).orElse("none") + ": " + (run.passed() ? "pass" : "FAIL") + " " + run.outcome();
        lines.add(line);
        if (!run.passed()) {
          failures.add(line + " (" + run.checks().stream().filter(c -> !c.ok())
              .map(c -> c.name() + ": " + c.detail()).collect(Collectors.joining("; ")) + ")");
        }
      });
      lines.add(migration.name() + ": " + report.passed() + " passed, " + report.failed() + " failed");
    }
    if (!withoutWorld.isEmpty()) {
      lines.add("no rehearsal world (a RehearsalWorld service) for: " + String.join(", ", withoutWorld));
    }
    return lines;
  }

  @Override
  public void close() {
    catalog.close();
  }
}
