package dev.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.engine.ExecutionResult;
import dev.ferry.engine.LocalEngine;
import dev.ferry.engine.StateMachineDefinition;
import dev.ferry.engine.cases.CaseFile;
import dev.ferry.engine.cases.CaseResult;
import dev.ferry.engine.data.Json;
import dev.ferry.engine.tasks.MockConfig;
import dev.ferry.tasks.local.LocalDynamoDb;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@code ferry exec}: runs an ASL definition on the embedded engine, or a file of recorded cases. */
@Command(
    name = "exec",
    mixinStandardHelpOptions = true,
    description = {
      "Run an ASL definition on Ferry's local engine and print one JSON line:",
      "  {\"status\":\"SUCCEEDED\",\"output\":...} or {\"status\":\"FAILED\",\"error\":...,\"cause\":...}.",
      "With --cases, run every case of a JSON-lines file (id, definition, input, expected), print a line per case,",
      "building each case's world first (tables in an in-process DynamoDB Local, Lambda functions in-process),",
      "then 'N passed, N failed'. Exit code 0 when the execution succeeded / every case matched, 1 otherwise."
    })
final class ExecCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--definition", paramLabel = "FILE", description = "The ASL definition (JSON).")
  Path definition;

  @Option(names = "--input", paramLabel = "JSON|@FILE", description = "Execution input: inline JSON or @file (default {}).")
  String input;

  @Option(names = "--mocks", paramLabel = "FILE", description = "An AWS Step Functions Local MockConfigFile.")
  Path mocks;

  @Option(names = "--test-case", paramLabel = "NAME", description = "The MockConfigFile test case to use.")
  String testCase;

  @Option(names = "--state-machine", paramLabel = "NAME", description = "The state machine name in the MockConfigFile (default: the definition file name up to its first dot).")
  String machineName;

  @Option(names = "--cases", paramLabel = "FILE.jsonl", description = "Run a file of recorded cases instead.")
  Path cases;

  @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
      description = "Run the execution N times, one after another (named exec-1 ... exec-N), and print the last result; the exit code is 1 if any did not succeed.")
  int repeat;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (cases != null) {
      if (definition != null || input != null || mocks != null || testCase != null) {
        throw new ParameterException(spec.commandLine(), "--cases runs the definitions and inputs of the file; leave out --definition, --input, --mocks and --test-case.");
      }
      return runCases(out);
    }
    if (definition == null) {
      throw new ParameterException(spec.commandLine(), "Give --definition FILE (with --input JSON|@FILE), or --cases FILE.jsonl.");
    }
    if ((mocks == null) != (testCase == null)) {
      throw new ParameterException(spec.commandLine(), "--mocks and --test-case go together: name the MockConfigFile and the test case to run.");
    }
    JsonNode definitionJson = readJson(definition, "--definition");
    JsonNode inputJson = input == null ? Json.object() : parseInput(input);
    LocalEngine.Builder builder = LocalEngine.builder().virtualClock();
    if (mocks != null) {
      builder.mocks(MockConfig.load(mocks));
    }
    if (repeat < 1) {
      throw new ParameterException(spec.commandLine(), "--repeat must be 1 or more, got " + repeat + ".");
    }
    try (LocalEngine engine = builder.build()) {
      String machine = machineName != null ? machineName : baseName(definition);
      ExecutionResult result = null;
      boolean allSucceeded = true;
      try {
        StateMachineDefinition parsed = engine.createStateMachine(machine, definitionJson);
        for (int i = 1; i <= repeat; i++) {
          result = engine.start(parsed, repeat == 1 ? "exec" : "exec-" + i, inputJson, testCase).await();
          allSucceeded &= result.status() == dev.ferry.engine.ExecutionStatus.SUCCEEDED;
        }
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
      out.println(Json.write(result.toJson()));
      out.flush();
      return allSucceeded ? 0 : 1;
    }
  }

  private int runCases(PrintWriter out) throws IOException {
    List<JsonNode> all;
    try {
      all = CaseFile.read(cases);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new ParameterException(spec.commandLine(), "--cases: no file " + cases);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--cases: " + e.getMessage());
    }
    int passed = 0;
    // DynamoDB Local starts on the first case whose world needs it, and serves every case after.
    LocalDynamoDb[] dynamoDb = new LocalDynamoDb[1];
    Supplier<DynamoDbClient> client = () -> {
      if (dynamoDb[0] == null) {
        dynamoDb[0] = LocalDynamoDb.start();
      }
      return dynamoDb[0].client();
    };
    try {
      for (JsonNode c : all) {
        CaseResult result = CaseFile.run(c, client);
        if (result.passed()) {
          passed++;
        }
        out.println(Json.write(result.toJson()));
        out.flush();
      }
    } finally {
      if (dynamoDb[0] != null) {
        dynamoDb[0].close();
      }
    }
    out.println(passed + " passed, " + (all.size() - passed) + " failed");
    out.flush();
    return passed == all.size() ? 0 : 1;
  }

  private JsonNode parseInput(String text) {
    if (text.startsWith("@")) {
      return readJson(Path.of(text.substring(1)), "--input");
    }
    try {
      return Json.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--input is " + e.getMessage() + "; pass inline JSON or @FILE.");
    }
  }

  private JsonNode readJson(Path file, String option) {
    try {
      return Json.parse(Files.readString(file));
    } catch (IOException e) {
      throw new ParameterException(spec.commandLine(), option + ": cannot read " + file + " (" + e.getMessage() + ").");
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), option + ": " + file + " is " + e.getMessage() + ".");
    }
  }

  private static String baseName(Path file) {
    String name = file.getFileName().toString();
    int dot = name.indexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
