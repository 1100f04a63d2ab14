package dev.ferry.worlds.metaflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.engine.LambdaHandler;
import dev.ferry.tasks.Json;
import dev.ferry.tasks.migrationservice.MigrationService;
import dev.ferry.tasks.migrationservice.SchemaStatus;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The local handler of {@code ExecuteDBMigration}, the Lambda Metaflow's stack installs: like the
 * real one it takes no payload, sends {@code PATCH /upgrade} to the migration service it is
 * configured with, reads {@code GET /db_schema_status} afterwards and returns both, {@code
 * {"upgrade-result": <the upgrade's answer>, "final-status": <the status>}}. It does not judge the
 * answer; the runbook's expectation on {@code final-status.is_up_to_date} does.
 */
public final class ExecuteDbMigration implements LambdaHandler {

  public static final String FUNCTION = "ExecuteDBMigration";
  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  private final MigrationService service;

  public ExecuteDbMigration(String migrationServiceUrl) {
    this.service = new MigrationService(HttpClient.newHttpClient(), migrationServiceUrl);
  }

  @Override
  public JsonNode handle(JsonNode payload) {
    String result = switch (service.upgrade(TIMEOUT)) {
      case MigrationService.UpgradeCall.Answered answered -> answered.body().path("upgrade-result")
          .asText(answered.body().toString());
      case MigrationService.UpgradeCall.TimedOut timedOut -> "upgrade timed out";
    };
    SchemaStatus status = service.status(TIMEOUT);
    ObjectNode out = Json.mapper().createObjectNode().put("upgrade-result", result);
    out.set("final-status", Json.mapper().valueToTree(status));
    return out;
  }
}
