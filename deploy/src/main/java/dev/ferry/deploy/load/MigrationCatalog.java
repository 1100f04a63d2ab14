package dev.ferry.deploy.load;

import dev.ferry.deploy.CompiledMachine;
import dev.ferry.deploy.FerryException;
import dev.ferry.deploy.TableNames;
import dev.ferry.dsl.MigrationDefinition;
import dev.ferry.dsl.MigrationValidationException;
import dev.ferry.dsl.compile.CompileOptions;
import dev.ferry.dsl.compile.Compiler;
import dev.ferry.dsl.graph.MigrationGraph;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The migrations a command can use: the ones Ferry ships, the user's found through {@link
 * ServiceLoader} ({@code META-INF/services/dev.ferry.dsl.MigrationDefinition}) in directories and
 * jars of a class path of their own, and those declared by {@code .java} files compiled in-process.
 *
 * <p>The user's classes live in a class loader whose parent is Ferry's, so they share Ferry's DSL
 * and task library; {@link #classLoader()} hands it to code that discovers more of the user's
 * classes (a rehearsal's worlds). A class that fails to load, a graph that throws and two
 * migrations with one name become {@link #problems()} naming the class and its origin; every other
 * migration stays usable. Close the catalog to release the class loader and the compiled sources.
 */
public final class MigrationCatalog implements AutoCloseable {

  /** The services file listing migration classes. */
  public static final String SERVICES_FILE = "META-INF/services/" + MigrationDefinition.class.getName();

  /** A usable migration: its validated graph, the class that defines it and where that came from. */
  public record Found(String name, String className, MigrationOrigin origin, MigrationGraph graph) {

    /** Compiles it with the given table names, for a target. */
    public CompiledMachine compile(TableNames tables) {
      return CompiledMachine.of(Compiler.compile(graph,
          CompileOptions.defaults().withTables(tables.progress(), tables.audit())));
    }
  }

  private final List<Found> migrations;
  private final List<LoadProblem> problems;
  private final ClassLoader loader;
  private final List<AutoCloseable> resources;

  private MigrationCatalog(List<Found> migrations, List<LoadProblem> problems, ClassLoader loader, List<AutoCloseable> resources) {
    this.migrations = List.copyOf(migrations);
    this.problems = List.copyOf(problems);
    this.loader = loader;
    this.resources = List.copyOf(resources);
  }

  /** Only the migrations on Ferry's own class path. */
  public static MigrationCatalog shipped() {
    return load(List.of());
  }

  /** The shipped migrations and the user's on {@code classpath} (directories and jars). */
  public static MigrationCatalog load(List<Path> classpath) {
    return load(classpath, MigrationCatalog.class.getClassLoader());
  }

  /**
   * The migrations visible from {@code parent} and the user's on {@code classpath}: the Maven
   * plugin passes its own class realm.
   */
  public static MigrationCatalog load(List<Path> classpath, ClassLoader parent) {
    Builder builder = new Builder(checked(classpath));
    URLClassLoader user = new URLClassLoader("ferry-user-migrations", urls(builder.entries), parent);
    builder.resources.add(user);
    builder.discover(user);
    return builder.build(user);
  }

  /**
   * The shipped migrations, the user's on {@code classpath}, and the ones {@code javaFile}
   * declares, compiled in-process against Ferry's DSL and task library and {@code classpath}.
   *
   * @throws FerryException listing javac's errors as {@code file:line: message}, or saying this
   *     runtime has no compiler
   */
  public static MigrationCatalog withSource(Path javaFile, List<Path> classpath) {
    return withSource(javaFile, classpath, new SourceCompiler());
  }

  static MigrationCatalog withSource(Path javaFile, List<Path> classpath, SourceCompiler compiler) {
    Builder builder = new Builder(checked(classpath));
    Path classes = compiler.compile(javaFile, builder.entries);
    builder.resources.add(() -> deleteTree(classes));
    List<Path> all = Stream.concat(Stream.of(classes), builder.entries.stream()).toList();
    URLClassLoader user = new URLClassLoader("ferry-user-migrations", urls(all), MigrationCatalog.class.getClassLoader());
    builder.resources.addFirst(user);
    builder.discover(user);
    builder.addDeclaredIn(javaFile, classes, user);
    return builder.build(user);
  }

  /** Whether a command argument names a source file rather than a migration. */
  public static boolean isSourceFile(String argument) {
    return argument.endsWith(".java");
  }

  /** The usable migrations, sorted by name. */
  public List<Found> migrations() {
    return migrations;
  }

  /** What could not be loaded, in the order found. */
  public List<LoadProblem> problems() {
    return problems;
  }

  /** The class loader of the user's classes (Ferry's own when there are none). */
  public ClassLoader classLoader() {
    return loader;
  }

  /** The user's migrations: everything not shipped. */
  public List<Found> userMigrations() {
    return migrations.stream().filter(f -> !(f.origin() instanceof MigrationOrigin.Shipped)).toList();
  }

  /**
   * The migration called {@code name}.
   *
   * @throws FerryException when none is, naming the known ones, or with the problem that keeps it
   *     from loading (an invalid graph, a duplicate name)
   */
  public Found named(String name) {
    Optional<Found> found = migrations.stream().filter(f -> f.name().equals(name)).findFirst();
    if (found.isPresent()) {
      return found.get();
    }
    Optional<LoadProblem> problem = problems.stream().filter(p -> p.concerns(name)).findFirst();
    if (problem.isPresent()) {
      throw FerryException.badInput(problem.get().message(), "fix it and run the command again (ferry list shows what loads)");
    }
    StringBuilder message = new StringBuilder("Unknown migration '").append(name).append("'. Known migrations: ")
        .append(migrations.stream().map(Found::name).collect(Collectors.joining(", "))).append(" (see ferry list).");
    problems.forEach(p -> message.append("\nNot loaded: ").append(p.message()));
    throw FerryException.badInput(message.toString(),
        "check the name, or pass the directories and jars holding yours with --classpath (or FERRY_CLASSPATH)");
  }

  /**
   * The migration a source file declares: the only one from that file.
   *
   * @throws FerryException when the file declares none (or several, naming them)
   */
  public Found declaredIn(Path javaFile) {
    List<Found> declared = migrations.stream()
        .filter(f -> f.origin() instanceof MigrationOrigin.SourceFile s && s.file().equals(javaFile)).toList();
    if (declared.size() == 1) {
      return declared.getFirst();
    }
    Optional<LoadProblem> problem = problems.stream().filter(p -> p.message().contains(javaFile.toString())).findFirst();
    if (declared.isEmpty() && problem.isPresent()) {
      throw FerryException.badInput(problem.get().message(), "fix it and run the command again");
    }
    if (declared.isEmpty()) {
      throw FerryException.badInput(javaFile + " declares no class implementing " + MigrationDefinition.class.getName(),
          "declare a public class with a public no-argument constructor that implements MigrationDefinition");
    }
    throw FerryException.badInput(javaFile + " declares " + declared.size() + " migrations: "
            + declared.stream().map(Found::name).collect(Collectors.joining(", ")),
        "keep one migration per file, or register them and use their names with --classpath");
  }

  /** The migration an argument names: a name, or a {@code .java} file of this catalog. */
  public Found resolve(String argument) {
    return isSourceFile(argument) ? declaredIn(Path.of(argument)) : named(argument);
  }

  /** Releases the user's class loader and deletes compiled sources. */
  @Override
  public void close() {
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        // Closing a class loader or deleting a temporary folder: nothing the user can act on.
      }
    }
  }

  /** Accumulates what discovery finds; duplicates are resolved when it builds. */
  private static final class Builder {
    final List<Path> entries;
    final List<Found> found = new ArrayList<>();
    final List<LoadProblem> problems = new ArrayList<>();
    final List<AutoCloseable> resources = new ArrayList<>();

    Builder(List<Path> entries) {
      this.entries = entries;
    }

    void discover(URLClassLoader user) {
      Iterator<MigrationDefinition> providers = ServiceLoader.load(MigrationDefinition.class, user).iterator();
      while (true) {
        MigrationDefinition definition;
        try {
          if (!providers.hasNext()) {
            break;
          }
          definition = providers.next();
        } catch (ServiceConfigurationError e) {
          problems.add(new LoadProblem(Optional.empty(), serviceProblem(e, user)));
          continue;
        }
        add(definition, originOf(definition.getClass(), user));
      }
    }

    /** Every concrete MigrationDefinition among the classes compiled from {@code javaFile}. */
    void addDeclaredIn(Path javaFile, Path classes, URLClassLoader user) {
      MigrationOrigin origin = new MigrationOrigin.SourceFile(javaFile);
      for (String className : classNames(classes)) {
        Class<?> type;
        try {
          type = Class.forName(className, false, user);
        } catch (ClassNotFoundException | LinkageError e) {
          problems.add(new LoadProblem(Optional.empty(), className + " (" + javaFile + ") cannot be loaded: " + describe(e)));
          continue;
        }
        if (!MigrationDefinition.class.isAssignableFrom(type) || type.isInterface()
            || java.lang.reflect.Modifier.isAbstract(type.getModifiers())
            || found.stream().anyMatch(f -> f.className().equals(className))) {
          continue;
        }
        try {
          add((MigrationDefinition) type.getConstructor().newInstance(), origin);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
          Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ite ? ite.getCause() : e;
          problems.add(new LoadProblem(Optional.empty(), className + " (" + javaFile + ") cannot be instantiated: "
              + describe(cause) + "; it needs a public no-argument constructor"));
        }
      }
    }

    private void add(MigrationDefinition definition, MigrationOrigin origin) {
      String className = definition.getClass().getName();
      Thread thread = Thread.currentThread();
      ClassLoader previous = thread.getContextClassLoader();
      thread.setContextClassLoader(definition.getClass().getClassLoader());
      try {
        MigrationGraph graph = definition.graph();
        found.add(new Found(definition.name(), className, origin, graph));
      } catch (MigrationValidationException e) {
        problems.add(new LoadProblem(Optional.of(e.migration()), className + " (" + origin.describe() + "): " + e.getMessage()));
      } catch (RuntimeException | LinkageError e) {
        problems.add(new LoadProblem(Optional.empty(),
            className + " (" + origin.describe() + "): graph() threw " + describe(e) + where(e, definition.getClass())));
      } finally {
        thread.setContextClassLoader(previous);
      }
    }

    MigrationCatalog build(ClassLoader loader) {
      Map<String, List<Found>> byName = new LinkedHashMap<>();
      found.forEach(f -> byName.computeIfAbsent(f.name(), n -> new ArrayList<>()).add(f));
      List<Found> usable = new ArrayList<>();
      List<LoadProblem> all = new ArrayList<>(problems);
      byName.forEach((name, same) -> {
        if (same.size() == 1) {
          usable.add(same.getFirst());
          return;
        }
        all.add(new LoadProblem(Optional.of(name), "two migrations are named '" + name + "': "
            + same.stream().map(f -> f.className() + " (" + f.origin().describe() + ")").collect(Collectors.joining(" and "))
            + "; rename one (Migration.named) or leave one off the class path"));
      });
      usable.sort(Comparator.comparing(Found::name));
      return new MigrationCatalog(usable, all, loader, resources);
    }

    /** The services-file error with the origin of the class it names, and its cause. */
    private String serviceProblem(ServiceConfigurationError e, ClassLoader user) {
      String message = String.valueOf(e.getMessage()).replace(MigrationDefinition.class.getName() + ": ", "");
      String origin = registrations(user).entrySet().stream()
          .filter(r -> r.getValue().stream().anyMatch(message::contains))
          .map(Map.Entry::getKey).findFirst().orElse("");
      return message + (origin.isEmpty() ? "" : " (registered in " + origin + ")")
          + (e.getCause() == null ? "" : ": " + describe(e.getCause()));
    }

    private MigrationOrigin originOf(Class<?> type, ClassLoader user) {
      if (type.getClassLoader() != user) {
        return new MigrationOrigin.Shipped();
      }
      CodeSource source = type.getProtectionDomain().getCodeSource();
      if (source == null || source.getLocation() == null) {
        return new MigrationOrigin.ClassPathEntry(Path.of("?"));
      }
      Path location = toPath(source.getLocation());
      return new MigrationOrigin.ClassPathEntry(
          entries.stream().filter(e -> e.toAbsolutePath().normalize().equals(location)).findFirst().orElse(location));
    }
  }

  /** Each services file the user's loader sees (its location) with the class names it lists. */
  private static Map<String, List<String>> registrations(ClassLoader loader) {
    Map<String, List<String>> files = new LinkedHashMap<>();
    try {
      for (URL url : java.util.Collections.list(loader.getResources(SERVICES_FILE))) {
        try (var in = url.openStream()) {
          files.put(url.toString(), new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
              .map(l -> l.replaceAll("#.*", "").strip()).filter(l -> !l.isEmpty()).toList());
        }
      }
    } catch (IOException e) {
      return files;
    }
    return files;
  }

  private static List<Path> checked(List<Path> classpath) {
    for (Path entry : classpath) {
      if (!Files.exists(entry)) {
        throw FerryException.badInput("class path entry " + entry + " does not exist",
            "pass directories and jars that exist (e.g. --classpath target/classes after mvn compile)");
      }
      if (Files.isRegularFile(entry) && !entry.getFileName().toString().endsWith(".jar")) {
        throw FerryException.badInput("class path entry " + entry + " is neither a directory nor a jar",
            "pass class directories and .jar files; a single .java file goes where the migration's name does");
      }
    }
    return List.copyOf(classpath);
  }

  /** Splits a {@code PATH[:PATH...]} value (the platform's path separator); blank means none. */
  public static List<Path> parseClassPath(String value) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    return Arrays.stream(value.split(java.io.File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of).toList();
  }

  private static URL[] urls(List<Path> entries) {
    return entries.stream().map(p -> {
      try {
        return p.toAbsolutePath().toUri().toURL();
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException(p + " is not a valid class path entry", e);
      }
    }).toArray(URL[]::new);
  }

  private static Path toPath(URL url) {
    try {
      return Path.of(url.toURI()).toAbsolutePath().normalize();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Path.of(url.getPath());
    }
  }

  private static List<String> classNames(Path classes) {
    try (Stream<Path> files = Files.walk(classes)) {
      return files.filter(f -> f.toString().endsWith(".class"))
          .map(f -> classes.relativize(f).toString().replace(java.io.File.separatorChar, '.').replaceAll("\\.class$", ""))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static String describe(Throwable e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  /** The user's line that threw, so the cause can be found without a stack trace. */
  private static String where(Throwable e, Class<?> definition) {
    ClassLoader loader = definition.getClassLoader();
    return Arrays.stream(e.getStackTrace())
        .filter(f -> f.getClassLoaderName() != null && f.getClassLoaderName().equals(loaderName(loader)))
        .findFirst().map(f -> " at " + f.getClassName() + "." + f.getMethodName() + "(" + f.getFileName() + ":" + f.getLineNumber() + ")")
        .orElse("");
  }

  private static String loaderName(ClassLoader loader) {
    return loader == null ? "" : String.valueOf(loader.getName());
  }
}
