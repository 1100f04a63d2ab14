package dev.ferry.tasks.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import Ferry.DatabaseNotFound;
import Ferry.SnapshotNotFound;
import Ferry.UpgradeFailed;
import Ferry.VerificationFailed;
import Ferry.WriterNotFound;
import dev.ferry.tasks.schema.BaselineCaptureHandler;
import dev.ferry.tasks.schema.SchemaMigrateHandler;
import dev.ferry.tasks.snapshot.CreateSnapshotHandler;
import dev.ferry.tasks.snapshot.RestoreSnapshotHandler;
import dev.ferry.tasks.snapshot.SnapshotStatusHandler;
import dev.ferry.tasks.verify.SchemaVerifyHandler;
import dev.ferry.tasks.writers.PauseWritersHandler;
import dev.ferry.tasks.writers.PausedWriter;
import dev.ferry.tasks.writers.ResumeWritersHandler;
import dev.ferry.tasks.writers.WriterSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The demo migration's handlers on their local adapters, against a real embedded PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalPostgresHandlersTest {

  private LocalPostgres postgres;
  private LocalSecrets secrets;
  private LocalDatabaseSnapshots snapshots;

  @BeforeAll
  void start() {
    postgres = LocalPostgres.start();
    secrets = new LocalSecrets(postgres);
    snapshots = new LocalDatabaseSnapshots(postgres);
  }

  @AfterAll
  void stop() {
    postgres.close();
  }

  private String freshDatabase(String name) {
    postgres.createDatabase(name);
    new SchemaMigrateHandler(secrets).handleRequest(
        new SchemaMigrateHandler.Input(LocalSecrets.arnFor(name), "classpath:db/demo", "1"), null);
    return name;
  }

  private void sql(String database, String statement) throws SQLException {
    try (Connection c = postgres.connect(database); Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  private long count(String database, String query) throws SQLException {
    try (Connection c = postgres.connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private Set<Long> ids(String database, String table) throws SQLException {
    Set<Long> ids = new HashSet<>();
    try (Connection c = postgres.connect(database); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id FROM " + table)) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }

  @Test
  void snapshotIdIsDeterministicAndASecondCreateReusesIt() throws SQLException {
    String db = freshDatabase("snapdb");
    sql(db, "INSERT INTO customers (name) VALUES ('ada'), ('grace')");
    var create = new CreateSnapshotHandler(snapshots);
    var first = create.handleRequest(new CreateSnapshotHandler.Input(db, null, "exec-1"), null);
    sql(db, "INSERT INTO customers (name) VALUES ('later')");
    var second = create.handleRequest(new CreateSnapshotHandler.Input(db, null, "exec-1"), null);

    assertThat(second).isEqualTo(first);
    assertThat(first.status()).isEqualTo("available");
    assertThat(count(first.snapshotId(), "SELECT count(*) FROM customers"))
        .as("the second call reused the first snapshot instead of copying the database again").isEqualTo(2);
    assertThat(count("postgres", "SELECT count(*) FROM pg_database WHERE datname LIKE 'ferry-snapdb-%'")).isEqualTo(1);
    assertThat(new SnapshotStatusHandler(snapshots)
        .handleRequest(new SnapshotStatusHandler.Input(first.snapshotId(), false), null).status()).isEqualTo("available");
  }

  @Test
  void missingDatabaseAndSnapshotFailWithTheirErrorNames() {
    assertThatThrownBy(() -> new CreateSnapshotHandler(snapshots)
        .handleRequest(new CreateSnapshotHandler.Input("nope", null, "exec-1"), null))
        .isInstanceOf(DatabaseNotFound.class).hasMessageContaining("nope");
    assertThatThrownBy(() -> new SnapshotStatusHandler(snapshots)
        .handleRequest(new SnapshotStatusHandler.Input("ferry-none", false), null))
        .isInstanceOf(SnapshotNotFound.class);
    assertThatThrownBy(() -> new CreateSnapshotHandler(snapshots)
        .handleRequest(new CreateSnapshotHandler.Input("a", "b", "exec-1"), null))
        .isInstanceOf(Ferry.InvalidInput.class).hasMessageContaining("dbInstanceIdentifier / dbClusterIdentifier");
  }

  @Test
  void restorePutsTheSnapshotBackUnderTheSameNameAndARepeatChangesNothing() throws SQLException {
    String db = freshDatabase("restoredb");
    sql(db, "INSERT INTO customers (name) VALUES ('before')");
    var snapshot = new CreateSnapshotHandler(snapshots).handleRequest(new CreateSnapshotHandler.Input(db, null, "exec-r"), null);
    sql(db, "INSERT INTO customers (name) VALUES ('after-1'), ('after-2')");
    var restore = new RestoreSnapshotHandler(snapshots);

    var done = restore.handleRequest(new RestoreSnapshotHandler.Input(snapshot.snapshotId(), db, null, "exec-r"), null);
    sql(db, "INSERT INTO customers (name) VALUES ('after-restore')");
    var again = restore.handleRequest(new RestoreSnapshotHandler.Input(snapshot.snapshotId(), db, null, "exec-r"), null);

    assertThat(done.done()).isTrue();
    assertThat(again.done()).isTrue();
    assertThat(count(db, "SELECT count(*) FROM customers"))
        .as("restored to the snapshot's one row, and the repeat did not restore over the later insert").isEqualTo(2);
    assertThat(count(snapshot.snapshotId(), "SELECT count(*) FROM customers")).as("snapshot kept").isEqualTo(1);
    assertThat(count("postgres", "SELECT count(*) FROM pg_database WHERE datname LIKE 'restoredb-old-%'"))
        .as("the original is kept aside").isEqualTo(1);
  }

  @Test
  void aRestoreCutOffBetweenItsStepsIsFinishedByTheNextCall() throws SQLException {
    String db = freshDatabase("halfrestore");
    sql(db, "INSERT INTO customers (name) VALUES ('kept')");
    var snapshot = new CreateSnapshotHandler(snapshots).handleRequest(new CreateSnapshotHandler.Input(db, null, "exec-h"), null);
    sql(db, "INSERT INTO customers (name) VALUES ('lost-1'), ('lost-2')");
    String restored = dev.ferry.tasks.snapshot.Identifiers.restoredName(db, "exec-h");
    String aside = dev.ferry.tasks.snapshot.Identifiers.asideName(db, "exec-h");
    // Where a call stopped after copying the snapshot and renaming the original aside.
    sql("postgres", "CREATE DATABASE \"" + restored + "\" TEMPLATE \"" + snapshot.snapshotId() + "\"");
    sql("postgres", "ALTER DATABASE \"" + db + "\" RENAME TO \"" + aside + "\"");

    var out = new RestoreSnapshotHandler(snapshots)
        .handleRequest(new RestoreSnapshotHandler.Input(snapshot.snapshotId(), db, null, "exec-h"), null);

    assertThat(out.done()).isTrue();
    assertThat(count(db, "SELECT count(*) FROM customers")).isEqualTo(1);
    assertThat(count(aside, "SELECT count(*) FROM customers")).as("the original, aside, untouched").isEqualTo(3);
    assertThat(count("postgres", "SELECT count(*) FROM pg_database WHERE datname = '" + restored + "'")).isZero();
  }

  @Test
  void aPauseThatMeetsAWriterItCannotPauseLeavesTheOthersWriting() throws Exception {
    String db = freshDatabase("partialdb");
    LocalWriters writers = new LocalWriters();
    LocalWriter writer = writers.register(new LocalWriter("orders-writer", postgres, db, "orders", Duration.ofMillis(2)));
    writer.start();
    var pause = new PauseWritersHandler(writers);
    var input = new PauseWritersHandler.Input(List.of(new WriterSpec("local", "orders-writer", null),
        new WriterSpec("local", "no-such-writer", null)));

    assertThatThrownBy(() -> pause.handleRequest(input, null)).hasMessageContaining("no-such-writer");

    assertThat(writer.state()).as("the writer paused before the failure is resumed").isEqualTo(LocalWriter.State.RUNNING);
    int now = writer.acknowledged().size();
    while (writer.acknowledged().size() < now + 3) {
      Thread.sleep(5);
    }
    writer.stop();
  }

  @Test
  void pauseStopsAfterTheInFlightInsertAndEveryAcknowledgedInsertIsPresent() throws Exception {
    String db = freshDatabase("writerdb");
    LocalWriters writers = new LocalWriters();
    LocalWriter writer = writers.register(new LocalWriter("orders-writer", postgres, db, "orders", Duration.ofMillis(2)));
    writer.start();
    while (writer.acknowledged().size() < 20) {
      Thread.sleep(5);
    }
    // A snapshot while the writer runs cuts its connection; it reconnects and carries on.
    new CreateSnapshotHandler(snapshots).handleRequest(new CreateSnapshotHandler.Input(db, null, "exec-w"), null);
    int atSnapshot = writer.acknowledged().size();
    while (writer.acknowledged().size() < atSnapshot + 20) {
      Thread.sleep(5);
    }
    var pause = new PauseWritersHandler(writers);
    var paused = pause.handleRequest(new PauseWritersHandler.Input(List.of(new WriterSpec("local", "orders-writer", null))), null);
    long rowsAtPause = count(db, "SELECT count(*) FROM orders");
    Thread.sleep(50);

    assertThat(paused.paused()).containsExactly(new PausedWriter.LocalWriter("orders-writer", true));
    assertThat(count(db, "SELECT count(*) FROM orders")).as("nothing written after pause").isEqualTo(rowsAtPause);
    assertThat(ids(db, "orders")).containsAll(writer.acknowledged());
    assertThat(rowsAtPause).isEqualTo(writer.acknowledged().size());

    var repeated = pause.handleRequest(new PauseWritersHandler.Input(List.of(new WriterSpec("local", "orders-writer", null))), null);
    assertThat(repeated.paused()).as("a repeated pause still records the writer as running before")
        .containsExactly(new PausedWriter.LocalWriter("orders-writer", true));

    new ResumeWritersHandler(writers).handleRequest(new ResumeWritersHandler.Input(paused.paused()), null);
    new ResumeWritersHandler(writers).handleRequest(new ResumeWritersHandler.Input(paused.paused()), null);
    while (writer.acknowledged().size() < rowsAtPause + 10) {
      Thread.sleep(5);
    }
    writer.stop();
    assertThat(ids(db, "orders")).containsAll(writer.acknowledged());
    assertThat(count(db, "SELECT count(*) FROM orders")).isEqualTo(writer.acknowledged().size());
  }

  @Test
  void pauseOfAStoppedWriterRecordsItStoppedAndResumeLeavesItStopped() {
    LocalWriters writers = new LocalWriters();
    LocalWriter writer = writers.register(new LocalWriter("idle", postgres, "postgres", "none", Duration.ofMillis(5)));
    var paused = new PauseWritersHandler(writers)
        .handleRequest(new PauseWritersHandler.Input(List.of(new WriterSpec("local", "idle", null))), null);
    new ResumeWritersHandler(writers).handleRequest(new ResumeWritersHandler.Input(paused.paused()), null);

    assertThat(paused.paused()).containsExactly(new PausedWriter.LocalWriter("idle", false));
    assertThat(writer.state()).isEqualTo(LocalWriter.State.STOPPED);
    assertThatThrownBy(() -> new PauseWritersHandler(writers)
        .handleRequest(new PauseWritersHandler.Input(List.of(new WriterSpec("local", "ghost", null))), null))
        .isInstanceOf(WriterNotFound.class).hasMessageContaining("ghost");
  }

  @Test
  void migrateAppliesOnlyWhatIsMissingAndReportsVersions() {
    String db = freshDatabase("migratedb");
    var migrate = new SchemaMigrateHandler(secrets);
    String arn = LocalSecrets.arnFor(db);

    var first = migrate.handleRequest(new SchemaMigrateHandler.Input(arn, "classpath:db/demo", "3"), null);
    var again = migrate.handleRequest(new SchemaMigrateHandler.Input(arn, "classpath:db/demo", "3"), null);

    assertThat(first).isEqualTo(new SchemaMigrateHandler.Output("1", "3", 2));
    assertThat(again).isEqualTo(new SchemaMigrateHandler.Output("3", "3", 0));
  }

  @Test
  void aMigrationCutOffHalfWayLeavesNothingAppliedAndTheRetryAppliesItOnce(@TempDir Path dir) throws Exception {
    String db = freshDatabase("halfwaydb");
    String arn = LocalSecrets.arnFor(db);
    for (String v : List.of("V1__baseline.sql", "V2__order_status.sql", "V3__customer_email.sql")) {
      try (var in = getClass().getResourceAsStream("/db/demo/" + v)) {
        Files.write(dir.resolve(v), in.readAllBytes());
      }
    }
    Path v4 = dir.resolve("V4__order_notes.sql");
    Files.writeString(v4, "ALTER TABLE orders ADD COLUMN notes text;\nSELECT 1 / 0;\n");
    var migrate = new SchemaMigrateHandler(secrets);

    assertThatThrownBy(() -> migrate.handleRequest(new SchemaMigrateHandler.Input(arn, "filesystem:" + dir, "4"), null))
        .isInstanceOf(UpgradeFailed.class).hasMessageContaining("to 4");
    assertThat(count(db, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'orders' AND column_name = 'notes'"))
        .as("the failed migration's first statement was rolled back with it").isZero();

    Files.writeString(v4, "ALTER TABLE orders ADD COLUMN notes text;\n");
    var retried = migrate.handleRequest(new SchemaMigrateHandler.Input(arn, "filesystem:" + dir, "4"), null);
    assertThat(retried).isEqualTo(new SchemaMigrateHandler.Output("3", "4", 1));
  }

  @Test
  void verifyComparesVersionColumnsAndTheBaselineTakenBeforeTheMigration() throws SQLException {
    String db = freshDatabase("verifydb");
    String arn = LocalSecrets.arnFor(db);
    sql(db, "INSERT INTO customers (name) VALUES ('ada'), ('grace')");
    sql(db, "INSERT INTO orders (customer_id, amount) VALUES (1, 10), (2, 20), (2, 5)");
    var baseline = new BaselineCaptureHandler(secrets)
        .handleRequest(new BaselineCaptureHandler.Input(arn, List.of("customers", "orders")), null).baseline();
    new SchemaMigrateHandler(secrets).handleRequest(new SchemaMigrateHandler.Input(arn, "classpath:db/demo", "3"), null);
    var verify = new SchemaVerifyHandler(secrets);
    var input = new SchemaVerifyHandler.Input(arn, "3",
        Map.of("orders", List.of("id", "status"), "customers", List.of("email")), baseline);

    var result = verify.handleRequest(input, null);
    assertThat(baseline.get("orders").rows()).isEqualTo(3);
    assertThat(result.ok()).isTrue();
    assertThat(result.checks()).extracting(c -> c.name())
        .contains("schema version", "columns of orders", "rows of orders", "checksum of customers");

    sql(db, "UPDATE orders SET amount = 99 WHERE id = 1");
    assertThatThrownBy(() -> verify.handleRequest(input, null))
        .isInstanceOf(VerificationFailed.class).hasMessageContaining("checksum of orders")
        .hasMessageNotContaining("rows of orders");
    assertThatThrownBy(() -> verify.handleRequest(new SchemaVerifyHandler.Input(arn, "2", Map.of(), Map.of()), null))
        .isInstanceOf(VerificationFailed.class).hasMessageContaining("schema version: expected 2, found 3");
  }
}
