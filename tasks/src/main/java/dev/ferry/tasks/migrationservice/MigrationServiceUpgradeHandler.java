package dev.ferry.tasks.migrationservice;

import Ferry.InvalidInput;
import Ferry.UpgradeFailed;
import com.amazonaws.services.lambda.runtime.Context;
import dev.ferry.tasks.FerryHandler;
import dev.ferry.tasks.Fields;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code ferry-migration-service-upgrade}: asks the migration service to upgrade the schema.
 *
 * <p>It reads {@code /db_schema_status} first: an up-to-date schema needs no {@code PATCH} (so a retry
 * after a success sends none), and a migration already in progress is waited for, not started again.
 * It sends {@code PATCH /upgrade} at most once per call; when that times out, the upgrade may still be
 * running or may have finished, so it reconciles by polling the status until no migration is in
 * progress and reports what the status says. It never repeats the {@code PATCH} blindly.
 */
public final class MigrationServiceUpgradeHandler
    extends FerryHandler<MigrationServiceUpgradeHandler.Input, MigrationServiceUpgradeHandler.Output> {

  public record Input(String baseUrl, Integer timeoutSeconds) {}

  public record Output(String upgradeResult, boolean isUpToDate, String currentVersion) {}

  private static final Duration POLL = Duration.ofMillis(500);

  private final HttpClient http;
  private final Duration pollInterval;

  public MigrationServiceUpgradeHandler() {
    this(HttpClient.newHttpClient(), POLL);
  }

  public MigrationServiceUpgradeHandler(HttpClient http, Duration pollInterval) {
    this.http = http;
    this.pollInterval = pollInterval;
  }

  @Override
  public Output handleRequest(Input input, Context context) {
    MigrationService service = new MigrationService(http, Fields.text(input.baseUrl(), "baseUrl"));
    int seconds = input.timeoutSeconds() == null ? 300 : input.timeoutSeconds();
    if (seconds <= 0) {
      throw new InvalidInput("timeoutSeconds: must be positive, got " + seconds);
    }
    Duration timeout = Duration.ofSeconds(seconds);
    Instant deadline = Instant.now().plus(timeout);
    SchemaStatus before = service.status(timeout);
    if (before.upToDate() && !before.migrationInProgress()) {
      return new Output("already up to date", true, before.currentVersion());
    }
    if (before.migrationInProgress()) {
      return settle(service, deadline, "upgrade already in progress when asked");
    }
    return switch (service.upgrade(timeout)) {
      case MigrationService.UpgradeCall.TimedOut t ->
          settle(service, deadline.plus(timeout), "PATCH /upgrade timed out after " + seconds + " s");
      case MigrationService.UpgradeCall.Answered answered -> {
        if (answered.status() / 100 != 2) {
          throw new UpgradeFailed("PATCH /upgrade answered HTTP " + answered.status() + ": " + answered.body());
        }
        String result = answered.body().path("upgrade-result").asText("upgrade success");
        SchemaStatus after = service.status(timeout);
        if (!after.upToDate()) {
          throw new UpgradeFailed("PATCH /upgrade answered '" + result + "' but the schema is not up to date: version "
              + after.currentVersion() + ", unapplied " + after.unappliedMigrations());
        }
        yield new Output(result, true, after.currentVersion());
      }
    };
  }

  /** Polls the status until no migration is in progress, then reports it. */
  private Output settle(MigrationService service, Instant deadline, String why) {
    while (true) {
      Duration left = Duration.between(Instant.now(), deadline);
      SchemaStatus status = service.status(left.isNegative() || left.isZero() ? Duration.ofSeconds(1) : left);
      if (!status.migrationInProgress()) {
        if (status.upToDate()) {
          return new Output("upgrade success (" + why + "; status read afterwards)", true, status.currentVersion());
        }
        throw new UpgradeFailed(why + ", and the status now shows the schema not up to date: version "
            + status.currentVersion() + ", unapplied " + status.unappliedMigrations()
            + "; look at the migration service's log before retrying");
      }
      if (Instant.now().isAfter(deadline)) {
        throw new UpgradeFailed(why + ", and the migration is still in progress at version " + status.currentVersion()
            + "; call again to keep waiting (it will not send another PATCH while one is in progress)");
      }
      try {
        Thread.sleep(pollInterval);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UpgradeFailed("interrupted while waiting for the migration service", e);
      }
    }
  }
}
