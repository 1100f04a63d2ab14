package dev.ferry.deploy.local;

import dev.ferry.deploy.TableNames;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a {@link LocalTarget} keeps its state and how its engine keeps time.
 *
 * @param directory the state folder ({@code .ferry/local} for the CLI): DynamoDB Local's database
 *     file, the embedded PostgreSQL's data directory, execution records, approval answers. Empty:
 *     a temporary folder, DynamoDB Local in memory, all of it deleted on close (tests, rehearsals).
 * @param tables the progress and audit table names the machines are compiled with
 * @param realClock Wait states, retry intervals and task timeouts take wall time, and the audit
 *     rows carry wall-clock times (the default for a state folder, which people read later); with
 *     the virtual clock (the default for a temporary target) they take none, so a 30-second poll
 *     costs nothing, and time stands still between waits
 */
public record LocalSettings(Optional<Path> directory, TableNames tables, boolean realClock) {

  /** State kept in {@code directory} across processes, contract table names, real clock. */
  public static LocalSettings in(Path directory) {
    return new LocalSettings(Optional.of(directory), TableNames.DEFAULT, true);
  }

  /** State that lives as long as the target, contract table names, virtual clock. */
  public static LocalSettings temporary() {
    return new LocalSettings(Optional.empty(), TableNames.DEFAULT, false);
  }

  public LocalSettings withTables(TableNames names) {
    return new LocalSettings(directory, names, realClock);
  }

  /** The same tables and clock, with state that lives as long as the target. */
  public LocalSettings withoutDirectory() {
    return new LocalSettings(Optional.empty(), tables, realClock);
  }

  public LocalSettings withRealClock() {
    return new LocalSettings(directory, tables, true);
  }

  public LocalSettings withVirtualClock() {
    return new LocalSettings(directory, tables, false);
  }

  /** The CLI's state folder, relative to the working directory. */
  public static final Path DEFAULT_DIRECTORY = Path.of(".ferry", "local");
}
