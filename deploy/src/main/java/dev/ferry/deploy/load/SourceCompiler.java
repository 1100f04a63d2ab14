package dev.ferry.deploy.load;

import dev.ferry.deploy.FerryException;
import dev.ferry.dsl.MigrationDefinition;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles one migration source file in-process with {@code javax.tools}, against the DSL and task
 * library on Ferry's own class path plus the user's class path, into a temporary directory.
 */
final class SourceCompiler {

  private final Supplier<JavaCompiler> compilers;

  SourceCompiler() {
    this(ToolProvider::getSystemJavaCompiler);
  }

  /** Tests pass a supplier that finds no compiler, as on a JRE. */
  SourceCompiler(Supplier<JavaCompiler> compilers) {
    this.compilers = compilers;
  }

  /**
   * The directory holding the compiled classes.
   *
   * @throws FerryException with javac's errors as {@code file:line: message}, or when this runtime
   *     has no compiler
   */
  Path compile(Path javaFile, List<Path> classpath) {
    if (!Files.isRegularFile(javaFile)) {
      throw FerryException.badInput(javaFile + " does not exist",
          "pass the path of a .java file that declares a MigrationDefinition, or a migration's name (ferry list)");
    }
    JavaCompiler javac = compilers.get();
    if (javac == null) {
      throw FerryException.badInput("cannot compile " + javaFile + ": this Java runtime (" + System.getProperty("java.home")
              + ") has no Java compiler; it is a JRE, not a JDK",
          "run ferry with a JDK 21 or newer (e.g. apt-get install openjdk-21-jdk-headless, or set JAVA_HOME to a JDK),"
              + " or compile the migration in its project and pass --classpath target/classes");
    }
    Path out;
    try {
      out = Files.createTempDirectory("ferry-source-");
    } catch (IOException e) {
      throw FerryException.badInput("cannot create a temporary directory to compile " + javaFile + ": " + e.getMessage(),
          "check that the temporary directory (java.io.tmpdir) is writable");
    }
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    boolean ok;
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      List<String> options = List.of("-proc:none", "-encoding", "UTF-8", "-parameters", "-g",
          "-classpath", classPath(classpath), "-d", out.toString());
      ok = javac.getTask(new StringWriter(), files, diagnostics, options, null,
          files.getJavaFileObjects(javaFile)).call();
    } catch (IOException e) {
      throw FerryException.badInput("cannot compile " + javaFile + ": " + e.getMessage(), "check the file is readable");
    }
    if (!ok) {
      deleteQuietly(out);
      List<String> errors = diagnostics.getDiagnostics().stream()
          .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
          .map(d -> location(d, javaFile) + ": " + d.getMessage(Locale.ROOT).replace("\n", "\n    "))
          .toList();
      throw FerryException.badInput(javaFile + " does not compile (" + errors.size() + (errors.size() == 1 ? " error" : " errors")
              + "):\n" + String.join("\n", errors),
          "fix the line each error names; the DSL and the task library are on the class path, add your own with --classpath");
    }
    return out;
  }

  /** Ferry's class path (the DSL, the task library, their dependencies) and the user's entries. */
  private static String classPath(List<Path> user) {
    Set<String> entries = new LinkedHashSet<>();
    for (Path p : user) {
      entries.add(p.toAbsolutePath().toString());
    }
    entries.add(codeSource(MigrationDefinition.class));
    for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (!e.isBlank()) {
        entries.add(e);
      }
    }
    entries.remove("");
    return entries.stream().collect(Collectors.joining(File.pathSeparator));
  }

  private static String codeSource(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException | NullPointerException e) {
      return "";
    }
  }

  private static String location(Diagnostic<? extends JavaFileObject> d, Path javaFile) {
    String file = d.getSource() == null ? javaFile.toString() : Path.of(d.getSource().toUri()).toString();
    if (Path.of(file).toAbsolutePath().normalize().equals(javaFile.toAbsolutePath().normalize())) {
      file = javaFile.toString();
    }
    return d.getLineNumber() == Diagnostic.NOPOS ? file : file + ":" + d.getLineNumber();
  }

  private static void deleteQuietly(Path dir) {
    try {
      MigrationCatalog.deleteTree(dir);
    } catch (IOException e) {
      // A leftover temporary directory is harmless.
    }
  }
}
