package dev.ferry.cli;

import dev.ferry.deploy.load.MigrationCatalog;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --classpath}: the directories and jars holding the user's migrations, for every command
 * that takes a migration. A migration argument ending in {@code .java} is a source file to compile.
 */
public final class ClassPathOptions {

  @Option(names = {"--classpath", "-cp"}, paramLabel = "PATH[:PATH...]", defaultValue = "${env:FERRY_CLASSPATH}",
      description = "directories and jars with your migrations, registered in META-INF/services/dev.ferry.dsl.MigrationDefinition"
          + " (default: $FERRY_CLASSPATH)")
  String classpath;

  /** The shipped migrations and the user's; with a {@code .java} argument, also the one it declares. */
  MigrationCatalog open(String argument) {
    var entries = MigrationCatalog.parseClassPath(classpath);
    return argument != null && MigrationCatalog.isSourceFile(argument)
        ? MigrationCatalog.withSource(Path.of(argument), entries)
        : MigrationCatalog.load(entries);
  }

  MigrationCatalog open() {
    return open(null);
  }
}
