package dev.ferry.cli;

import dev.ferry.asl.AslJson;
import dev.ferry.asl.AslProblem;
import dev.ferry.asl.AslReadException;
import dev.ferry.asl.AslValidator;
import dev.ferry.asl.StateMachine;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ferry validate FILE...}: the structural checks AWS applies when a machine is created, on
 * any ASL file (Ferry's or not). Exit code 1 when any file has a problem.
 */
@Command(name = "validate", description = "Check ASL definition files the way AWS does at creation; problems name the file and state.")
final class ValidateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "ASL definition files (*.asl.json)")
  List<Path> files;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int status = 0;
    for (Path file : files) {
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        err.println(file + ": cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + "); check the path");
        status = 1;
        continue;
      }
      StateMachine machine;
      try {
        machine = AslJson.read(text);
      } catch (AslReadException e) {
        err.println(file + ": " + e.getMessage());
        status = 1;
        continue;
      }
      List<AslProblem> problems = AslValidator.validate(machine, text.length());
      if (problems.isEmpty()) {
        out.println(file + ": valid");
      } else {
        problems.forEach(p -> err.println(file + ": " + p.message()));
        err.println(file + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems"));
        status = 1;
      }
    }
    out.flush();
    err.flush();
    return status;
  }
}
