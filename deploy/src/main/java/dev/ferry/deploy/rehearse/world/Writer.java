package dev.ferry.deploy.rehearse.world;

import java.time.Duration;
import java.util.Objects;

/**
 * A local writer: a thread standing in for a service that keeps inserting rows ({@code INSERT ...
 * DEFAULT VALUES RETURNING id}) into a table of a world database while a run goes on. A pause step
 * pauses it by name ({@code {"type": "local", "name": run.writer(...)}}), a resume step restarts it.
 * After every run Ferry checks that it is writing again (unless the run ended {@code
 * ROLLBACK_FAILED}, which keeps it paused for an operator) and that every insert it had acknowledged
 * is still there.
 *
 * @param name the name the world refers to it by
 * @param database the world database it writes into
 * @param table the table it inserts into, keyed by a growing {@code id}
 * @param interval how often it inserts
 */
public record Writer(String name, String database, String table, Duration interval) {

  public Writer {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(table, "table");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("writer " + name + ": the interval must be positive, got " + interval);
    }
  }

  /** A writer called {@code name}; say where it writes with {@link Named#into}. */
  public static Named inserting(String name) {
    return new Named(name);
  }

  public Writer every(Duration interval) {
    return new Writer(name, database, table, interval);
  }

  /** The first half of a {@link Writer}. */
  public record Named(String name) {
    /** Inserts into {@code table} of world database {@code database} every 5 ms. */
    public Writer into(String database, String table) {
      return new Writer(name, database, table, Duration.ofMillis(5));
    }
  }
}
