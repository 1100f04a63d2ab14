package dev.ferry.cli;

import dev.ferry.deploy.local.LocalSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --local}: operate the local target instead of AWS, with its state folder. */
public final class LocalOptions {

  @Option(names = "--local",
      description = "use the local target (local engine, DynamoDB Local, embedded PostgreSQL) instead of AWS")
  boolean local;

  @Option(names = "--local-dir", paramLabel = "DIR", defaultValue = ".ferry/local",
      description = "the local target's state folder (default: ${DEFAULT-VALUE})")
  Path directory;

  LocalSettings settings() {
    return LocalSettings.in(directory);
  }
}
