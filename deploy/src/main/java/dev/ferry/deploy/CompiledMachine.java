package dev.ferry.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.dsl.compile.CompiledMigration;
import dev.ferry.dsl.compile.MachineStructure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A compiled migration: its name and its ASL definition as the compiler wrote it. The definition
 * text is kept verbatim so what is deployed is byte-for-byte what was compiled.
 *
 * @param structure what the compiler says each state is, when this machine was compiled here
 *     ({@link #of}); empty for a definition read from a file, which is plain ASL
 */
public record CompiledMachine(String migration, String definitionJson, JsonNode definition,
    Optional<MachineStructure> structure) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern MIGRATION_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

  public CompiledMachine {
    if (!MIGRATION_NAME.matcher(migration).matches()) {
      throw FerryException.badInput(
          "migration name '" + migration + "' is not 1-40 characters of lowercase letters, digits and '-'",
          "use the migration's name as declared in the DSL, e.g. postgres-schema-upgrade");
    }
    if (!definition.path("States").isObject() || !definition.path("StartAt").isTextual()) {
      throw FerryException.badInput(
          "the definition of " + migration + " has no StartAt/States: it is not an ASL state machine",
          "pass the *.asl.json file the compiler wrote");
    }
  }

  /** A definition read from elsewhere (a file, a target): plain ASL without the compiler's structure. */
  public CompiledMachine(String migration, String definitionJson, JsonNode definition) {
    this(migration, definitionJson, definition, Optional.empty());
  }

  /** What the compiler built: its definition and its structure. */
  public static CompiledMachine of(CompiledMigration compiled) {
    CompiledMachine parsed = parse(compiled.graph().name(), compiled.json());
    return new CompiledMachine(parsed.migration(), parsed.definitionJson(), parsed.definition(),
        Optional.of(compiled.structure()));
  }

  /**
   * The compiler's structure.
   *
   * @throws FerryException when the machine was read from a definition file
   */
  public MachineStructure requireStructure() {
    return structure.orElseThrow(() -> FerryException.badInput(
        "the definition of " + migration + " was read as plain ASL, without what the compiler knows of its steps",
        "name the migration (ferry list) so that Ferry compiles it, instead of passing a definition file"));
  }

  public static CompiledMachine parse(String migration, String definitionJson) {
    try {
      return new CompiledMachine(migration, definitionJson, JSON.readTree(definitionJson));
    } catch (JsonProcessingException e) {
      throw FerryException.badInput(
          "the definition of " + migration + " is not valid JSON: " + e.getOriginalMessage(),
          "pass the *.asl.json file the compiler wrote");
    }
  }

  public static CompiledMachine load(String migration, Path definitionFile) {
    try {
      return parse(migration, Files.readString(definitionFile));
    } catch (NoSuchFileException e) {
      throw FerryException.badInput(
          "definition file " + definitionFile + " does not exist",
          "compile the migration first and pass the path of its *.asl.json with --definition");
    } catch (IOException e) {
      throw FerryException.badInput(
          "definition file " + definitionFile + " cannot be read: " + e.getMessage(),
          "check the path and its permissions");
    }
  }

  /** The state machine's name on the target. */
  public String stateMachineName() {
    return stateMachineName(migration);
  }

  public static String stateMachineName(String migration) {
    return "ferry-" + migration;
  }

  /**
   * Every Task state, in document order, including those inside Parallel branches and Map item
   * processors (either the current {@code ItemProcessor} or the older {@code Iterator}): the
   * compiler's list of calls when it compiled this machine, else found in the definition.
   */
  public List<TaskState> taskStates() {
    if (structure.isPresent()) {
      return structure.get().calls().stream()
          .map(c -> new TaskState(c.state(), c.resource(), c.parameters()))
          .toList();
    }
    List<TaskState> tasks = new ArrayList<>();
    collect(definition.path("States"), tasks);
    return List.copyOf(tasks);
  }

  private static void collect(JsonNode states, List<TaskState> into) {
    for (Map.Entry<String, JsonNode> entry : states.properties()) {
      JsonNode state = entry.getValue();
      switch (state.path("Type").asText()) {
        case "Task" -> into.add(new TaskState(
            entry.getKey(), state.path("Resource").asText(), parametersOf(state)));
        case "Parallel" -> state.path("Branches").forEach(b -> collect(b.path("States"), into));
        case "Map" -> {
          JsonNode processor = state.has("ItemProcessor") ? state.get("ItemProcessor") : state.path("Iterator");
          collect(processor.path("States"), into);
        }
        default -> { }
      }
    }
  }

  /** JSONPath machines use {@code Parameters}; JSONata machines use {@code Arguments}. */
  private static JsonNode parametersOf(JsonNode state) {
    return state.has("Parameters") ? state.get("Parameters") : state.path("Arguments");
  }
}
