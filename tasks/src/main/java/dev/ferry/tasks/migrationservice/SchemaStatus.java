package dev.ferry.tasks.migrationservice;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The migration service's {@code GET /db_schema_status} answer. */
public record SchemaStatus(
    @JsonProperty("is_up_to_date") boolean upToDate,
    @JsonProperty("current_version") String currentVersion,
    @JsonProperty("migration_in_progress") boolean migrationInProgress,
    @JsonProperty("unapplied_migrations") List<String> unappliedMigrations) {
  public SchemaStatus {
    unappliedMigrations = unappliedMigrations == null ? List.of() : List.copyOf(unappliedMigrations);
  }
}
