package dev.ferry.cli;

import dev.ferry.asl.AslJson;
import dev.ferry.asl.AslProblem;
import dev.ferry.asl.AslReadException;
import dev.ferry.asl.AslValidator;
import dev.ferry.asl.StateMachine;
import dev.ferry.deploy.FerryException;
import dev.ferry.deploy.load.MigrationCatalog;
import dev.ferry.dsl.MigrationValidationException;
import dev.ferry.dsl.compile.CompiledMigration;
import dev.ferry.dsl.compile.Compiler;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ferry validate FILE|MIGRATION...}: the structural checks AWS applies when a machine is
 * created, on any ASL file (Ferry's or not); for a migration (a name or a {@code .java} file), its
 * safety rules first, then the same checks on its compiled ASL. Exit code 1 when any has a problem.
 */
@Command(name = "validate", description = {
    "Check ASL files the way AWS does at creation, or migrations (names or .java files) against Ferry's safety rules and then AWS's checks.",
    "Problems name the file or migration, the rule and the step or state."})
final class ValidateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE|MIGRATION",
      description = "ASL definition files (*.asl.json), migrations (see ferry list) or source files declaring one (*.java)")
  List<String> arguments;

  @Mixin ClassPathOptions classpath;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int status = 0;
    for (String argument : arguments) {
      if (argument.endsWith(".json")) {
        status |= validateFile(Path.of(argument), out, err);
      } else {
        status |= validateMigration(argument, out, err);
      }
    }
    out.flush();
    err.flush();
    return status;
  }

  private int validateMigration(String argument, PrintWriter out, PrintWriter err) {
    try (MigrationCatalog catalog = classpath.open(argument)) {
      MigrationCatalog.Found migration = catalog.resolve(argument);
      CompiledMigration compiled = Compiler.compile(migration.graph());
      List<AslProblem> problems = AslValidator.validate(compiled.machine(), compiled.sizeBytes());
      problems.forEach(p -> err.println(migration.name() + ": " + p.message()));
      if (!problems.isEmpty()) {
        return 1;
      }
      out.println(migration.name() + ": valid (" + compiled.machine().states().size() + " states, from "
          + migration.origin().describe() + ")");
      CompileWarnings.print(err, "validate", compiled.warnings());
      return 0;
    } catch (MigrationValidationException e) {
      err.println(e.getMessage());
      return 1;
    } catch (FerryException e) {
      err.println(e.getMessage());
      err.println("  " + e.hint());
      return 1;
    }
  }

  private static int validateFile(Path file, PrintWriter out, PrintWriter err) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      err.println(file + ": cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + "); check the path");
      return 1;
    }
    StateMachine machine;
    try {
      machine = AslJson.read(text);
    } catch (AslReadException e) {
      err.println(file + ": " + e.getMessage());
      return 1;
    }
    List<AslProblem> problems = AslValidator.validate(machine, text.length());
    if (problems.isEmpty()) {
      out.println(file + ": valid");
      return 0;
    }
    problems.forEach(p -> err.println(file + ": " + p.message()));
    err.println(file + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems"));
    return 1;
  }
}
