package dev.ferry.deploy.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.deploy.FerryException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/** The execution records of a local state folder: one JSON file per execution name. */
final class ExecutionRecords {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path directory;

  ExecutionRecords(Path directory) {
    this.directory = directory;
  }

  Optional<ExecutionRecord> find(String executionName) {
    Path file = file(executionName);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(ExecutionRecord.fromJson(JSON.readTree(file.toFile())));
    } catch (IOException | RuntimeException e) {
      throw new FerryException("the local execution record " + file + " cannot be read: " + e.getMessage(),
          "delete it if it is damaged (the audit rows stay), or start a new run", FerryException.USAGE, e);
    }
  }

  /** Writes through a temporary file, so a reader never sees half a record. */
  void save(ExecutionRecord record) {
    Path file = file(record.info().name());
    try {
      Files.createDirectories(directory);
      Path partial = Files.createTempFile(directory, record.info().name(), ".partial");
      JSON.writerWithDefaultPrettyPrinter().writeValue(partial.toFile(), record.toJson());
      try {
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the local execution record " + file, e);
    }
  }

  private Path file(String executionName) {
    return directory.resolve(executionName + ".json");
  }
}
