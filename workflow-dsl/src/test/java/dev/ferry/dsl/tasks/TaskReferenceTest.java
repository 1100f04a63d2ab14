package dev.ferry.dsl.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** src/docs/tasks.md is exactly what the typed tasks generate; -Dferry.update-docs=true rewrites it. */
class TaskReferenceTest {
  private static final Path COMMITTED = Path.of("..", "src", "docs", "tasks.md");

  @Test
  void committedReferenceMatchesAFreshGeneration() throws IOException {
    String fresh = TaskReference.markdown();
    if (Boolean.getBoolean("ferry.update-docs")) {
      Files.writeString(COMMITTED, fresh);
    }
    assertThat(COMMITTED).as("src/docs/tasks.md is missing; regenerate it with"
        + " mvn -pl workflow-dsl -Dtest=TaskReferenceTest -Dferry.update-docs=true test").isRegularFile();
    assertThat(Files.readString(COMMITTED))
        .as("src/docs/tasks.md differs from the typed tasks; regenerate it with"
            + " mvn -pl workflow-dsl -Dtest=TaskReferenceTest -Dferry.update-docs=true test")
        .isEqualTo(fresh);
  }

  @Test
  void everyShippedFunctionIsDocumentedWithItsInputsResultsAndErrors() {
    String md = TaskReference.markdown();
    for (var f : FerryTasks.all()) {
      assertThat(md).contains("## `" + f.name() + "`");
      f.inputs().forEach(i -> assertThat(md).contains("| `" + i.name() + "` |"));
      f.results().forEach(r -> assertThat(md).contains("| `" + r.path() + "` |"));
      f.errors().forEach(e -> assertThat(md).contains("`" + e + "`"));
    }
    assertThat(md).contains("`SnapshotStatus.STATUS` | string: `creating`, `available`",
        "Call: `FerryTasks.snapshotCreate()`", "| `dbInstanceIdentifier` | string | one of `dbInstanceIdentifier`, `dbClusterIdentifier` |");
  }
}
