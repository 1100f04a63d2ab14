package dev.ferry.deploy.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A user's compiled classes, as their build would leave them: sources compiled with the JDK's
 * javac against the test class path, a {@code META-INF/services} registration, optionally a jar.
 */
public final class UserClasses {

  private final Path root;
  private final Map<String, String> sources = new LinkedHashMap<>();
  private final List<String> registered = new ArrayList<>();
  private final Map<String, List<String>> services = new LinkedHashMap<>();

  private UserClasses(Path root) {
    this.root = root;
  }

  public static UserClasses in(Path root) {
    return new UserClasses(root);
  }

  /** A valid one-step migration {@code com.acme.<simpleName>} called {@code name}, registered. */
  public UserClasses migration(String simpleName, String name) {
    return source(simpleName, migrationSource(simpleName, name)).register(simpleName);
  }

  /** The source of a valid one-step migration class in package com.acme. */
  public static String migrationSource(String simpleName, String name) {
    return """
        package com.acme;

        import dev.ferry.dsl.Expect;
        import dev.ferry.dsl.Migration;
        import dev.ferry.dsl.MigrationDefinition;
        import dev.ferry.dsl.Parameter;
        import dev.ferry.dsl.Ref;
        import dev.ferry.dsl.Step;
        import dev.ferry.dsl.graph.MigrationGraph;
        import dev.ferry.dsl.tasks.FerryTasks;
        import dev.ferry.dsl.tasks.SchemaVerify;

        public final class %s implements MigrationDefinition {
          @Override
          public MigrationGraph graph() {
            return Migration.named("%s")
                .description("Check the schema of %s")
                .parameter(Parameter.string("secretArn"))
                .step(Step.verify("verify-schema")
                    .invoke(FerryTasks.schemaVerify().secretArn(Ref.param("secretArn")).expectedVersion("1"))
                    .expect(Expect.isTrue(SchemaVerify.OK)))
                .build();
          }
        }
        """.formatted(simpleName, name, name);
  }

  public UserClasses source(String simpleName, String text) {
    sources.put(simpleName, text);
    return this;
  }

  public UserClasses register(String simpleName) {
    registered.add("com.acme." + simpleName);
    return this;
  }

  /** Lists {@code com.acme.<simpleName>} as a provider of the service interface {@code service}. */
  public UserClasses provide(String service, String simpleName) {
    services.computeIfAbsent(service, s -> new ArrayList<>()).add("com.acme." + simpleName);
    return this;
  }

  /** Compiles the sources and writes the services files; the class directory. */
  public Path compile() throws IOException {
    Path src = Files.createDirectories(root.resolve("src/com/acme"));
    Path classes = Files.createDirectories(root.resolve("classes"));
    List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-classpath", System.getProperty("java.class.path"),
        "-proc:none"));
    for (var e : sources.entrySet()) {
      args.add(Files.writeString(src.resolve(e.getKey() + ".java"), e.getValue()).toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac.run(null, null, null, args.toArray(String[]::new))).as("test fixture compiles").isZero();
    Path services = Files.createDirectories(classes.resolve("META-INF/services"));
    Files.writeString(services.resolve("dev.ferry.dsl.MigrationDefinition"), String.join("\n", registered) + "\n");
    for (var service : this.services.entrySet()) {
      Files.writeString(services.resolve(service.getKey()), String.join("\n", service.getValue()) + "\n");
    }
    return classes;
  }

  /** The compiled classes packed into a jar. */
  public Path jar(String fileName) throws IOException {
    Path classes = compile();
    Path jar = root.resolve(fileName);
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
        Stream<Path> all = Files.walk(classes)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
        out.write(Files.readAllBytes(p));
        out.closeEntry();
      }
    }
    return jar;
  }
}
