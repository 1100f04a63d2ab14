package dev.ferry.cli;

import dev.ferry.deploy.local.LocalSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --local}: operate the local target instead of AWS, with its state folder. */
public final class LocalOptions {

  static final String DEFAULT_DIRECTORY = ".ferry/local";

  @Option(names = "--local",
      description = "use the local target (local engine, DynamoDB Local, embedded PostgreSQL) instead of AWS")
  boolean local;

  @Option(names = "--local-dir", paramLabel = "DIR", defaultValue = DEFAULT_DIRECTORY,
      description = "the local target's state folder (default: ${DEFAULT-VALUE})")
  Path directory;

  /**
   * The flags that name this target again in a command Ferry suggests: nothing on AWS, {@code
   * --local} (and {@code --local-dir} when not the default) locally.
   */
  String flags() {
    if (!local) {
      return "";
    }
    return " --local" + (directory.equals(Path.of(DEFAULT_DIRECTORY)) ? "" : " --local-dir " + directory);
  }

  LocalSettings settings() {
    return LocalSettings.in(directory);
  }
}
