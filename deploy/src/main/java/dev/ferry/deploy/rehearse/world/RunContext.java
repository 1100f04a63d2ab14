package dev.ferry.deploy.rehearse.world;

import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * One run of a rehearsal, as the world sees it: the names of its own copies of the world's
 * databases, tables and writers, and its stand-ins. Runs may go on at once; use these names, never
 * the declared ones, in the input.
 */
public interface RunContext extends WorldContext {

  /** The run's id within the rehearsal, e.g. {@code r07}. */
  String id();

  /** The run's copy of world database {@code name}. */
  String database(String name);

  /** The secret ARN that resolves locally to the run's copy of world database {@code name}. */
  String secretArn(String name);

  /** The run's copy of world table {@code name}. */
  String table(String name);

  /** The run's instance of world writer {@code name}, as a pause payload names it. */
  String writer(String name);

  /** {@code base} made unique to the run, for any other name the input needs. */
  String unique(String base);

  /** The run's stand-in {@code name}. */
  <T extends AutoCloseable> T standIn(String name, Class<T> type);

  /**
   * A picture of the run's copy of world database {@code name}, by part ({@code <table> schema},
   * {@code <table> rows}): the writers' rows since the seed and the database's volatile columns are
   * left out, so two runs that did the same thing give the same picture.
   */
  Map<String, String> fingerprint(String name) throws SQLException;

  /** The fault injected into this run, e.g. {@code throws at verify-schema}; empty for the fault-free run. */
  Optional<String> fault();
}
