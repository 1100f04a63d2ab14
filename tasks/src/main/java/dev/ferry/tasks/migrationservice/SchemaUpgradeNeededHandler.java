package dev.ferry.tasks.migrationservice;

import com.amazonaws.services.lambda.runtime.Context;
import dev.ferry.tasks.FerryHandler;
import dev.ferry.tasks.Fields;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

/**
 * {@code ferry-guard-schema-upgrade-needed}: whether the migration service reports an upgrade is
 * needed; the machine's guard reads {@code needed}. Read-only.
 */
public final class SchemaUpgradeNeededHandler
    extends FerryHandler<SchemaUpgradeNeededHandler.Input, SchemaUpgradeNeededHandler.Output> {

  public record Input(String baseUrl) {}

  public record Output(boolean needed, String currentVersion, List<String> unappliedMigrations) {}

  private final HttpClient http;

  public SchemaUpgradeNeededHandler() {
    this(HttpClient.newHttpClient());
  }

  public SchemaUpgradeNeededHandler(HttpClient http) {
    this.http = http;
  }

  @Override
  public Output handleRequest(Input input, Context context) {
    SchemaStatus status = new MigrationService(http, Fields.text(input.baseUrl(), "baseUrl"))
        .status(Duration.ofSeconds(30));
    return new Output(!status.upToDate(), status.currentVersion(), status.unappliedMigrations());
  }
}
