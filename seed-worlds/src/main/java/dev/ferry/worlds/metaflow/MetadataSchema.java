package dev.ferry.worlds.metaflow;

import dev.ferry.tasks.local.LocalPostgres;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationVersion;

/**
 * The stand-in metadata service's schema: Ferry's own versioned Flyway migrations under
 * {@value #LOCATION}, on a database of the embedded PostgreSQL. Schema version {@code n} is what
 * service version {@code 2.0.(n-1)} needs, so the latest ({@value #LATEST}) allows 2.0.2.
 */
public final class MetadataSchema {

  public static final String LOCATION = "classpath:db/metaflow-metadata";
  public static final int LATEST = 3;

  /** What {@code GET /db_schema_status} reports. */
  public record Status(int currentVersion, List<String> unapplied) {
    public boolean upToDate() {
      return unapplied.isEmpty();
    }
  }

  private final LocalPostgres postgres;
  private final String database;
  /** Flyway scans its locations when it is loaded: once per target, not once per status call. */
  private final Map<MigrationVersion, Flyway> flyways = new ConcurrentHashMap<>();

  public MetadataSchema(LocalPostgres postgres, String database) {
    this.postgres = postgres;
    this.database = database;
  }

  public String database() {
    return database;
  }

  public Status status() {
    MigrationInfoService info = flyway(MigrationVersion.LATEST).info();
    MigrationInfo current = info.current();
    int version = current == null ? 0 : Integer.parseInt(current.getVersion().getVersion());
    List<String> pending = Arrays.stream(info.pending()).map(MigrationInfo::getScript).toList();
    return new Status(version, pending);
  }

  /** Applies every migration up to {@code version}; returns how many it applied. */
  public int migrateTo(int version) {
    return flyway(MigrationVersion.fromVersion(Integer.toString(version))).migrate().migrationsExecuted;
  }

  public int migrateToLatest() {
    return flyway(MigrationVersion.LATEST).migrate().migrationsExecuted;
  }

  /** The service version a schema at {@code schemaVersion} allows. */
  public static String serviceVersion(int schemaVersion) {
    return "2.0." + Math.max(0, schemaVersion - 1);
  }

  private Flyway flyway(MigrationVersion target) {
    return flyways.computeIfAbsent(target, t -> Flyway.configure()
        .dataSource(postgres.jdbcUrl(database), postgres.user(), postgres.password())
        .locations(LOCATION)
        .target(t)
        .failOnMissingLocations(true)
        .load());
  }
}
