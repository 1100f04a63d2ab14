package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.deploy.rehearse.world.RehearsalWorld;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The project {@code ferry init} writes; {@code ./build test} builds and rehearses one for real. */
class InitCommandTest {

  private static final String WORLD = "src/test/java/com/example/migrations/OrdersStatusColumnWorld.java";
  private static final String WORLD_SERVICES = "src/test/resources/META-INF/services/" + RehearsalWorld.class.getName();

  @Test
  void writesTheSampleMigrationWithItsRehearsalWorldRegisteredInTestScope(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("acme");
    CliRun run = CliRun.of("init", dir.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("  " + WORLD, "  " + WORLD_SERVICES);
    String world = Files.readString(dir.resolve(WORLD));
    assertThat(Files.readString(dir.resolve(WORLD_SERVICES)).strip()).isEqualTo(className(world));
    String migration = Files.readString(dir.resolve("src/main/java/com/example/migrations/OrdersStatusColumn.java"));
    assertThat(world).contains("World.forMigration(\"orders-status-column\")");
    assertThat(migration).contains("Migration.named(\"orders-status-column\")")
        .as("a second or scheduled run finds nothing to do").contains(".alreadyDoneWhen(schemaVersion, Condition.isTrue(SchemaVersion.UP_TO_DATE))");
    assertThat(Files.readString(dir.resolve("src/test/java/com/example/migrations/OrdersStatusColumnTest.java")))
        .contains("@RehearsalTest(\"orders-status-column\")");
    assertThat(Files.readString(dir.resolve("pom.xml")))
        .contains("<artifactId>ferry-junit</artifactId>")
        .contains("<requireJavaVersion>", "JDK 21 or newer")
        .doesNotContain("@FERRY_VERSION@", "@JUNIT_VERSION@", "@ARTIFACT_ID@");
  }

  @Test
  void nextStepsGiveTheRehearseCommandWithTheTestClassesOnTheClassPath(@TempDir Path tmp) {
    Path dir = tmp.resolve("acme");
    CliRun run = CliRun.of("init", dir.toString());

    assertThat(run.out()).contains("ferry rehearse orders-status-column --faults all --classpath "
        + dir.resolve("target/classes") + ":" + dir.resolve("target/test-classes"));
  }

  @Test
  void refusesAFolderThatHasFilesAndWritesNothing(@TempDir Path tmp) throws Exception {
    Files.writeString(tmp.resolve("notes.txt"), "mine");
    CliRun run = CliRun.of("init", tmp.toString());

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err()).contains(tmp + " already exists and is not an empty folder; nothing was written");
    assertThat(tmp.resolve("src")).doesNotExist();
  }

  private static String className(String source) {
    Matcher pkg = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE).matcher(source);
    Matcher cls = Pattern.compile("public final class (\\w+)").matcher(source);
    assertThat(pkg.find() && cls.find()).as("a package and a public class").isTrue();
    return pkg.group(1) + "." + cls.group(1);
  }
}
