package dev.ferry.cli;

import dev.ferry.deploy.FerryException;
import dev.ferry.deploy.rehearse.world.RehearsalWorld;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ferry init DIR}: a Maven project for the user's own migrations. Its pom declares the DSL
 * and the Ferry Maven plugin (compile into target/ferry, check at verify); one sample migration
 * built from shipped tasks, its {@code META-INF/services} registration, its rehearsal world (test
 * scope) and a test that checks it and rehearses it with every fault.
 */
@Command(name = "init", description = {
    "Create a Maven project for your own migrations in DIR: a pom with the DSL and the Ferry Maven plugin, a sample migration, its registration, its rehearsal world and a test.",
    "mvn verify in it compiles the migration into target/ferry, checks it and rehearses it (install Ferry first: ./build install)."})
final class InitCommand implements Callable<Integer> {

  private static final String TEMPLATES = "/dev/ferry/cli/init/";
  private static final String MIGRATION = "src/main/java/com/example/migrations/OrdersStatusColumn.java";
  private static final String WORLD = "src/test/java/com/example/migrations/OrdersStatusColumnWorld.java";

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DIR", description = "the project's folder: new, or empty")
  Path directory;

  @Override
  public Integer call() throws IOException {
    if (Files.exists(directory) && (!Files.isDirectory(directory) || !isEmpty(directory))) {
      throw FerryException.badInput(directory + " already exists and is not an empty folder; nothing was written",
          "pass a new folder, e.g. ferry init ../acme-migrations");
    }
    Map<String, String> files = new LinkedHashMap<>();
    files.put("pom.xml", template("pom.xml.template")
        .replace("@ARTIFACT_ID@", artifactId(directory))
        .replace("@FERRY_VERSION@", built("version"))
        .replace("@JUNIT_VERSION@", built("junit")));
    files.put(MIGRATION, template("OrdersStatusColumn.java.template"));
    files.put("src/main/resources/META-INF/services/dev.ferry.dsl.MigrationDefinition", template("MigrationDefinition.services.template"));
    files.put("src/test/java/com/example/migrations/OrdersStatusColumnTest.java", template("OrdersStatusColumnTest.java.template"));
    files.put(WORLD, template("OrdersStatusColumnWorld.java.template"));
    files.put("src/test/resources/META-INF/services/" + RehearsalWorld.class.getName(), template("RehearsalWorld.services.template"));
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path path = directory.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("created " + directory + ":");
    files.keySet().forEach(f -> out.println("  " + f));
    out.println("next:");
    out.println("  cd " + directory + " && mvn verify      # compiles into target/ferry, checks, and rehearses every fault; needs ./build install of Ferry once, and JAVA_HOME a JDK 21+");
    out.println("  ferry list --classpath " + directory.resolve("target/classes"));
    out.println("  ferry plan " + directory.resolve(MIGRATION) + "   # or any command with the .java file");
    out.println("  ferry rehearse orders-status-column --faults all --classpath " + directory.resolve("target/classes") + ":"
        + directory.resolve("target/test-classes") + "   # against the world in " + WORLD);
    out.flush();
    return 0;
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }

  /** A Maven artifactId from the folder's name: lower case, letters, digits and hyphens. */
  static String artifactId(Path directory) {
    Path name = directory.toAbsolutePath().normalize().getFileName();
    String id = name == null ? "" : name.toString().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9.-]+", "-")
        .replaceAll("^-+|-+$", "");
    return id.isEmpty() ? "migrations" : id;
  }

  /**
   * A version this Ferry was built with: {@code version} (Ferry's, which the project's pom depends
   * on) or {@code junit} (one the local repository already holds).
   */
  static String built(String key) {
    try (InputStream in = InitCommand.class.getResourceAsStream("/dev/ferry/cli/ferry-version.properties")) {
      if (in == null) {
        throw new IllegalStateException("ferry-version.properties is missing from Ferry's build");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty(key);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String template(String name) {
    try (InputStream in = InitCommand.class.getResourceAsStream(TEMPLATES + name)) {
      if (in == null) {
        throw new IllegalStateException("template " + name + " is missing from Ferry's build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
