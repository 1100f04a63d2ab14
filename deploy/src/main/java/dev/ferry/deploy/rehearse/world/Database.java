package dev.ferry.deploy.rehearse.world;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A PostgreSQL database of the world (locally, a database of the embedded PostgreSQL stands in for
 * an RDS instance or cluster). It is seeded once into a template; every run works on its own copy,
 * named by {@link RunContext#database(String)}.
 *
 * @param name the name the world refers to it by
 * @param seed what brings a new, empty database to the state every run starts from
 * @param volatileColumns per table, columns whose values differ between two identical runs (an
 *     install time, a duration), left out of {@link Fingerprints#postgres} fingerprints
 */
public record Database(String name, Seed seed, Map<String, Set<String>> volatileColumns) {

  public Database {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(seed, "seed");
    volatileColumns = Map.copyOf(volatileColumns);
  }

  /** Brings the template database to the state every run starts from. */
  @FunctionalInterface
  public interface Seed {
    void seed(SeedContext database) throws Exception;
  }

  /** A database called {@code name}; say how it is seeded with {@link Builder#seededBy}. */
  public static Builder postgres(String name) {
    return new Builder(name, Map.of());
  }

  /** The same database, with {@code columns} of {@code table} left out of fingerprints. */
  public Database ignoringColumns(String table, String... columns) {
    Map<String, Set<String>> more = new java.util.HashMap<>(volatileColumns);
    more.put(table, Set.of(columns));
    return new Database(name, seed, more);
  }

  /** The first half of a {@link Database}. */
  public record Builder(String name, Map<String, Set<String>> volatileColumns) {
    public Database seededBy(Seed seed) {
      return new Database(name, seed, volatileColumns);
    }

    /** An empty database: the migration creates what it needs. */
    public Database empty() {
      return new Database(name, database -> { }, volatileColumns);
    }
  }
}
