package dev.ferry.deploy.load;

import java.nio.file.Path;

/** Where a migration's class came from, as {@code ferry list} and error messages name it. */
public sealed interface MigrationOrigin {

  /** How a person reads it: {@code shipped}, or the path of the directory, jar or source file. */
  String describe();

  /** On Ferry's own class path: a migration Ferry ships. */
  record Shipped() implements MigrationOrigin {
    @Override
    public String describe() {
      return "shipped";
    }
  }

  /** A directory or jar of the user's class path ({@code --classpath}, a Maven project's runtime class path). */
  record ClassPathEntry(Path path) implements MigrationOrigin {
    @Override
    public String describe() {
      return path.toString();
    }
  }

  /** One {@code .java} file, compiled in-process. */
  record SourceFile(Path file) implements MigrationOrigin {
    @Override
    public String describe() {
      return file.toString();
    }
  }
}
