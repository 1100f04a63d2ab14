package dev.ferry.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TaskCatalogTest {

  /** The task reference (generated from the DSL's typed tasks) documents exactly the catalogue's functions. */
  @Test
  void theCatalogListsExactlyTheDocumentedFunctions() throws Exception {
    String reference = Files.readString(Path.of("../src/docs/tasks.md"));
    Matcher headings = Pattern.compile("(?m)^## `(ferry-[a-z0-9-]+)`$").matcher(reference);
    List<String> names = headings.results().map(r -> r.group(1)).toList();

    assertThat(names).hasSize(23);
    assertThat(TaskCatalog.functions()).extracting(TaskFunction::name).containsExactlyInAnyOrderElementsOf(names);
  }

  @Test
  void everyHandlerCanBeInstantiatedByTheLambdaRuntime() throws Exception {
    for (TaskFunction<?, ?> function : TaskCatalog.functions()) {
      Class<?> type = function.handlerClass();
      assertThat(Modifier.isPublic(type.getModifiers())).as(type.getName()).isTrue();
      assertThat(Modifier.isPublic(type.getConstructor().getModifiers())).as(type.getName()).isTrue();
      assertThat(function.handler()).isEqualTo(type.getName());
      assertThat(com.amazonaws.services.lambda.runtime.RequestStreamHandler.class.isAssignableFrom(type)).isTrue();
      assertThat(function.memoryMb()).isBetween(128, 10240);
      assertThat(function.timeoutSeconds()).isBetween(1, 900);
    }
  }
}
