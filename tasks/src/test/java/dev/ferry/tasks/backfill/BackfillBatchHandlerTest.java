package dev.ferry.tasks.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import Ferry.DatabaseUnavailable;
import Ferry.InvalidInput;
import dev.ferry.tasks.local.LocalDynamoDb;
import dev.ferry.tasks.local.LocalPostgres;
import dev.ferry.tasks.local.LocalSecrets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The backfill handler on the embedded PostgreSQL: batches in key order, resumable, exactly once. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackfillBatchHandlerTest {

  private LocalPostgres postgres;
  private LocalDynamoDb dynamo;
  private BackfillBatchHandler handler;

  @BeforeAll
  void start() {
    postgres = LocalPostgres.start();
    dynamo = LocalDynamoDb.start();
    handler = new BackfillBatchHandler(new LocalSecrets(postgres), dynamo.client(), "FerryProgress", Clock.systemUTC());
  }

  @AfterAll
  void stop() {
    dynamo.close();
    postgres.close();
  }

  private void database(String name, String keyType, int rows) throws SQLException {
    postgres.createDatabase(name);
    String key = keyType.equals("text") ? "lpad(g::text, 8, '0')" : "g";
    sql(name, "CREATE TABLE items (k " + keyType + " PRIMARY KEY, touched int NOT NULL DEFAULT 0, skip boolean NOT NULL)");
    sql(name, "INSERT INTO items (k, skip) SELECT " + key + ", g % 10 = 0 FROM generate_series(1, " + rows + ") g");
  }

  private BackfillBatchHandler.Input input(String database, int batchSize, String execution) {
    return new BackfillBatchHandler.Input(LocalSecrets.arnFor(database), "items", "k", "touched = touched + 1", "NOT skip",
        batchSize, 1, null, execution, "t");
  }

  @Test
  void callsUntilDoneUpdateEveryMatchingRowOnceInBatches() throws Exception {
    database("bf_ints", "bigint", 10_000);
    List<BackfillBatchHandler.Output> outputs = new ArrayList<>();
    BackfillBatchHandler.Output out;
    do {
      out = handler.handleRequest(input("bf_ints", 700, "run-1"), null);
      outputs.add(out);
    } while (!out.done() && outputs.size() < 100);

    assertThat(out.done()).isTrue();
    assertThat(out.rowsDone()).as("%s", outputs).isEqualTo(9_000);
    assertThat(out.estimatedTotal()).isEqualTo(9_000);
    assertThat(count("bf_ints", "touched = 1 AND NOT skip")).isEqualTo(9_000);
    assertThat(count("bf_ints", "touched <> 0 AND skip")).isZero();
    assertThat(count("bf_ints", "touched > 1")).isZero();
    assertThat(count("bf_ints", "(SELECT batches FROM ferry_backfill)")).isEqualTo(13);
    assertThat(handler.handleRequest(input("bf_ints", 700, "run-1"), null))
        .as("a call after the end changes nothing").extracting(BackfillBatchHandler.Output::done, BackfillBatchHandler.Output::batches)
        .containsExactly(true, 0);
    assertThat(count("bf_ints", "touched > 1")).isZero();
  }

  @Test
  void textKeysResumeFromTheCommittedKeyAndAnotherExecutionIsAnotherBackfill() throws Exception {
    database("bf_text", "text", 3_000);
    BackfillBatchHandler.Output first = handler.handleRequest(text("run-a"), null);
    assertThat(first).extracting(BackfillBatchHandler.Output::done, BackfillBatchHandler.Output::rowsDone,
        BackfillBatchHandler.Output::lastKey, BackfillBatchHandler.Output::batches).containsExactly(false, 1_000L, "00001000", 1);
    assertThat(count("bf_text", "touched = 1")).isEqualTo(1_000);

    BackfillBatchHandler.Output second = handler.handleRequest(text("run-a"), null);
    assertThat(second.lastKey()).as("resumed after the committed key").isEqualTo("00002000");
    assertThat(count("bf_text", "touched = 1")).isEqualTo(2_000);
    assertThat(count("bf_text", "touched > 1")).isZero();

    BackfillBatchHandler.Output other = handler.handleRequest(text("run-b"), null);
    assertThat(other.rowsDone()).as("another execution starts its own backfill").isEqualTo(1_000);
    assertThat(other.estimatedTotal()).isEqualTo(3_000);
    assertThat(count("bf_text", "touched = 2")).isEqualTo(1_000);
  }

  private static BackfillBatchHandler.Input text(String execution) {
    return new BackfillBatchHandler.Input(LocalSecrets.arnFor("bf_text"), "items", "k", "touched = touched + 1", null,
        1_000, 60, 1, execution, "t");
  }

  @Test
  void badInputNamesTheFieldAndChangesNothing() throws Exception {
    database("bf_bad", "bigint", 10);
    assertThatThrownBy(() -> handler.handleRequest(new BackfillBatchHandler.Input(LocalSecrets.arnFor("bf_bad"), "items; drop table items",
        "k", "touched = 1", null, 10, 1, null, "r", "t"), null)).isInstanceOf(InvalidInput.class).hasMessageStartingWith("table:");
    assertThatThrownBy(() -> handler.handleRequest(new BackfillBatchHandler.Input(LocalSecrets.arnFor("bf_bad"), "nothing",
        "k", "touched = 1", null, 10, 1, null, "r", "t"), null)).isInstanceOf(InvalidInput.class).hasMessageContaining("does not exist");
    assertThatThrownBy(() -> handler.handleRequest(new BackfillBatchHandler.Input(LocalSecrets.arnFor("bf_bad"), "items",
        "nope", "touched = 1", null, 10, 1, null, "r", "t"), null)).isInstanceOf(InvalidInput.class).hasMessageStartingWith("keyColumn:");
    assertThatThrownBy(() -> handler.handleRequest(new BackfillBatchHandler.Input(LocalSecrets.arnFor("bf_bad"), "items",
        "k", "touched = 1", null, 0, 1, null, "r", "t"), null)).isInstanceOf(InvalidInput.class).hasMessageStartingWith("batchSize:");
    assertThatThrownBy(() -> handler.handleRequest(new BackfillBatchHandler.Input(LocalSecrets.arnFor("bf_bad"), "items",
        "k", "no_such_column = 1", null, 10, 1, null, "r", "t"), null)).isInstanceOf(DatabaseUnavailable.class)
        .hasMessageContaining("no_such_column").hasMessageContaining("committed batches are kept");
    assertThat(count("bf_bad", "touched <> 0")).isZero();
  }

  private void sql(String database, String statement) throws SQLException {
    try (Connection c = postgres.connect(database); Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  private long count(String database, String predicate) throws SQLException {
    String query = predicate.startsWith("(") ? "SELECT " + predicate : "SELECT count(*) FROM items WHERE " + predicate;
    try (Connection c = postgres.connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
