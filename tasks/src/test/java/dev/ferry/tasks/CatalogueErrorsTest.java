package dev.ferry.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import Ferry.TaskFailure;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.dsl.tasks.FerryTasks;
import dev.ferry.tasks.local.LocalFunctionVersions;
import dev.ferry.tasks.local.LocalWriters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every error a task handler raises is a documented {@code Ferry.*} name: the catalogue's lists
 * are documented in the task reference (src/docs/tasks.md), the handlers' code (and the adapters they call) throws nothing
 * unchecked outside them, and a bad payload fails with {@code Ferry.InvalidInput} before any work.
 */
class CatalogueErrorsTest {

  private static final Path SOURCES = Path.of("src/main/java");
  private static final Path TASKS = SOURCES.resolve("dev/ferry/tasks");
  private static final Pattern THROW = Pattern.compile("throw new ([A-Z][A-Za-z0-9_.]*)\\(");

  /** Files off every handler's call path, each with why its exceptions never reach a handler's caller. */
  private static final Map<String, String> NOT_ON_A_HANDLER_PATH = Map.of(
      "local/LocalPostgres.java", "starts and seeds the embedded PostgreSQL for the local target, before any call",
      "local/LocalDynamoDb.java", "starts DynamoDB Local for the local target, before any call",
      "local/SharedLocalDynamoDb.java", "attaches the local target to its DynamoDB server, before any call",
      "local/LocalDynamoDbServer.java", "the DynamoDB server process of a local state folder",
      "local/LocalWriter.java", "interrupted only when the engine has already abandoned the call",
      "snapshot/Identifiers.java", "SHA-256 is on every Java platform",
      "TaskCatalog.java", "looks functions up by name for the targets and tests");

  @Test
  void everyErrorAHandlerRaisesIsDocumentedAndAFerryName() throws IOException {
    Map<String, Set<String>> documented = new TreeMap<>();
    String reference = Files.readString(Path.of("../src/docs/tasks.md"));
    Matcher sections = Pattern.compile("(?m)^## `(ferry-[a-z0-9-]+)`$").matcher(reference);
    List<int[]> bounds = new ArrayList<>();
    List<String> names = new ArrayList<>();
    while (sections.find()) {
      names.add(sections.group(1));
      bounds.add(new int[] {sections.end()});
    }
    for (int i = 0; i < names.size(); i++) {
      int end = i + 1 < bounds.size() ? reference.lastIndexOf("## `", bounds.get(i + 1)[0]) : reference.length();
      Set<String> errors = new HashSet<>();
      Matcher error = Pattern.compile("`(Ferry\\.[A-Za-z]+)`").matcher(reference.substring(bounds.get(i)[0], end));
      while (error.find()) {
        errors.add(error.group(1));
      }
      documented.put(names.get(i), errors);
    }
    assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(TaskCatalog.functions().stream().map(TaskFunction::name).toList());
    for (TaskFunction<?, ?> function : TaskCatalog.functions()) {
      List<Class<? extends TaskFailure>> errors = TaskCatalog.errors(function.name());
      for (Class<? extends TaskFailure> error : errors) {
        assertThat(error.getName()).isEqualTo("Ferry." + error.getSimpleName());
      }
      assertThat(documented.get(function.name())).as("the errors src/docs/tasks.md documents for %s", function.name())
          .containsAll(errors.stream().map(Class::getName).toList());
    }
  }

  @Test
  void handlersAndTheirAdaptersThrowOnlyTheirFunctionsErrors() throws Exception {
    // What each source package may throw: the errors of the functions whose handlers live there.
    Map<String, Set<String>> allowed = new TreeMap<>();
    for (TaskFunction<?, ?> function : TaskCatalog.functions()) {
      Set<String> names = allowed.computeIfAbsent(function.handlerClass().getPackageName(), p -> new HashSet<>());
      names.add("Ferry.InvalidInput");
      TaskCatalog.errors(function.name()).forEach(e -> names.add(e.getName()));
    }
    List<String> violations = new ArrayList<>();
    try (Stream<Path> files = Files.walk(TASKS)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String relative = TASKS.relativize(file).toString();
        if (NOT_ON_A_HANDLER_PATH.containsKey(relative)) {
          continue;
        }
        String source = Files.readString(file);
        Class<?> type = Class.forName(SOURCES.relativize(file).toString().replace('/', '.').replaceAll("\\.java$", ""));
        Set<String> mayThrow = mayThrow(type, allowed);
        Matcher thrown = THROW.matcher(source);
        while (thrown.find()) {
          Class<?> error = resolve(thrown.group(1), source);
          boolean checked = !RuntimeException.class.isAssignableFrom(error) && !Error.class.isAssignableFrom(error);
          // A checked exception cannot leave handleRequest, which declares none.
          if (!checked && !mayThrow.contains(error.getName())) {
            violations.add(relative + " throws " + error.getName() + ", not among " + new TreeMap<>(Map.of("allowed", mayThrow)));
          }
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  @Test
  void anEmptyPayloadFailsEveryHandlerWithInvalidInputBeforeItTouchesAnything() {
    // No database, no DynamoDB: a handler that reached either before checking its payload fails otherwise.
    LocalEnvironment nothing = new LocalEnvironment(null, null, new LocalWriters(), new LocalFunctionVersions(), "FerryProgress");
    for (TaskFunction<?, ?> function : TaskCatalog.functions()) {
      if (FerryTasks.named(function.name()).orElseThrow().inputs().isEmpty()) {
        // A function that takes no field (a scheduled sweep) has no payload to refuse.
        continue;
      }
      Function<JsonNode, JsonNode> handler = function.local(nothing);
      assertThatThrownBy(() -> handler.apply(Json.mapper().createObjectNode())).as(function.name())
          .isInstanceOfSatisfying(FerryError.class, e -> assertThat(e.errorName()).isEqualTo("Ferry.InvalidInput"));
    }
  }

  /** The errors a class may throw: its package's, or for an adapter, those of the ports it implements. */
  private static Set<String> mayThrow(Class<?> type, Map<String, Set<String>> allowed) {
    Set<String> names = new HashSet<>(Set.of("Ferry.InvalidInput"));
    names.addAll(allowed.getOrDefault(type.getPackageName(), Set.of()));
    for (Class<?> port : type.getInterfaces()) {
      names.addAll(allowed.getOrDefault(port.getPackageName(), Set.of()));
    }
    return names;
  }

  private static Class<?> resolve(String name, String source) throws ClassNotFoundException {
    if (name.contains(".")) {
      return Class.forName(name);
    }
    Matcher imported = Pattern.compile("(?m)^import ([\\w.]+\\." + name + ");").matcher(source);
    return Class.forName(imported.find() ? imported.group(1) : "java.lang." + name);
  }
}
