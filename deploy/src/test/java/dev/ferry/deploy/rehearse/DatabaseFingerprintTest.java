package dev.ferry.deploy.rehearse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.tasks.backfill.BackfillBatchHandler;
import dev.ferry.tasks.local.LocalPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two databases holding the same backfilled rows compare equal whatever Ferry's backfill bookkeeping
 * says about how the backfill got there (a crash and redrive count batches differently), while a
 * difference in the backfilled rows themselves still shows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseFingerprintTest {
  private LocalPostgres postgres;

  @BeforeAll
  void start() {
    postgres = LocalPostgres.start();
  }

  @AfterAll
  void stop() {
    postgres.close();
  }

  @Test
  void ferrysBackfillBookkeepingIsLeftOutButTheBackfilledRowsAreNot() throws SQLException {
    database("straight", "1 batch, started 10:00", "'EUR'");
    database("redriven", "3 batches, started 11:30", "'EUR'");
    database("wrong", "1 batch, started 10:00", "'USD'");

    Map<String, String> straight = fingerprint("straight");
    assertThat(straight).containsKey("payments rows").containsKey(BackfillBatchHandler.BOOKKEEPING + " schema")
        .doesNotContainKey(BackfillBatchHandler.BOOKKEEPING + " rows");
    assertThat(fingerprint("redriven")).isEqualTo(straight);
    assertThat(fingerprint("wrong").get("payments rows")).isNotEqualTo(straight.get("payments rows"));
  }

  private Map<String, String> fingerprint(String database) throws SQLException {
    return DatabaseFingerprint.of(postgres, database, Map.of(), Map.of()).parts();
  }

  private void database(String name, String bookkeeping, String currency) throws SQLException {
    postgres.createDatabase(name);
    try (Connection c = postgres.connect(name); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE payments (id int PRIMARY KEY, currency text)");
      s.execute("INSERT INTO payments SELECT g, " + currency + " FROM generate_series(1, 100) g");
      s.execute("CREATE TABLE " + BackfillBatchHandler.BOOKKEEPING + " (id text PRIMARY KEY, note text)");
      s.execute("INSERT INTO " + BackfillBatchHandler.BOOKKEEPING + " VALUES ('run-" + name + "', '" + bookkeeping + "')");
    }
  }
}
