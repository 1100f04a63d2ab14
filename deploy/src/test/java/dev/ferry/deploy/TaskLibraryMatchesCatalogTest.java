package dev.ferry.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ferry.dsl.JsonType;
import dev.ferry.dsl.LambdaFunction;
import dev.ferry.dsl.ResultField;
import dev.ferry.dsl.TaskInput;
import dev.ferry.dsl.tasks.FerryTasks;
import dev.ferry.tasks.TaskCatalog;
import dev.ferry.tasks.TaskFunction;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The typed tasks of the DSL ({@link FerryTasks}) and the handlers of the tasks jar ({@link
 * TaskCatalog}) describe the same functions: the same names, each input and result field under the
 * same name with the same JSON type as the handler's {@code Input} and {@code Output} records.
 */
class TaskLibraryMatchesCatalogTest {

  @Test
  void everyShippedFunctionIsTypedAndEveryTypedTaskIsShipped() {
    assertThat(FerryTasks.all()).extracting(LambdaFunction::name)
        .containsExactlyInAnyOrderElementsOf(TaskCatalog.functions().stream().map(TaskFunction::name).toList());
    assertThat(FerryTasks.all()).allSatisfy(f -> assertThat(f.shipped()).as(f.name()).isTrue());
  }

  @TestFactory
  Stream<DynamicTest> inputsAndResultsMatchTheHandlersRecords() {
    return TaskCatalog.functions().stream().map(task -> DynamicTest.dynamicTest(task.name(), () -> {
      LambdaFunction typed = FerryTasks.named(task.name()).orElseThrow();
      Type[] io = ((ParameterizedType) task.handlerClass().getGenericSuperclass()).getActualTypeArguments();
      Map<String, JsonType> inputs = new LinkedHashMap<>();
      typed.inputs().forEach(i -> inputs.put(i.name(), i.type()));
      assertThat(inputs).as("inputs of %s, in the handler's order", task.name())
          .containsExactlyEntriesOf(fields((Class<?>) io[0]));
      if (!typed.name().equals(FerryTasks.APPROVAL_REQUEST.name())) {
        Map<String, JsonType> results = new LinkedHashMap<>();
        typed.results().forEach(r -> results.put(r.path(), r.type()));
        assertThat(results).as("results of %s", task.name()).containsExactlyEntriesOf(fields((Class<?>) io[1]));
      }
      assertThat(typed.inputs()).filteredOn(TaskInput::fromExecution).extracting(TaskInput::name)
          .allMatch("executionName"::equals);
      assertThat(typed.results()).extracting(ResultField::description).doesNotContain("");
    }));
  }

  /** The JSON fields of a handler record: its components, under their JSON names. */
  private static Map<String, JsonType> fields(Class<?> record) {
    Map<String, JsonType> out = new LinkedHashMap<>();
    for (RecordComponent c : record.getRecordComponents()) {
      JsonProperty renamed = c.getAccessor().getAnnotation(JsonProperty.class);
      JsonProperty onField = renamed != null ? renamed : fieldAnnotation(record, c.getName());
      out.put(onField != null ? onField.value() : c.getName(), jsonType(c.getGenericType()));
    }
    return out;
  }

  private static JsonProperty fieldAnnotation(Class<?> record, String name) {
    try {
      return record.getDeclaredField(name).getAnnotation(JsonProperty.class);
    } catch (NoSuchFieldException e) {
      throw new AssertionError(e);
    }
  }

  private static JsonType jsonType(Type type) {
    if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
      return p.getActualTypeArguments()[0] == String.class ? JsonType.STRING_LIST : JsonType.OBJECT_LIST;
    }
    Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    if (raw == String.class) {
      return JsonType.STRING;
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return JsonType.BOOLEAN;
    }
    if (raw.isPrimitive() || Number.class.isAssignableFrom(raw)) {
      return JsonType.NUMBER;
    }
    return JsonType.OBJECT;
  }
}
