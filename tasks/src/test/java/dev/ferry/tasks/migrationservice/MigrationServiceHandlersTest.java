package dev.ferry.tasks.migrationservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import Ferry.UpgradeFailed;
import Ferry.VerificationFailed;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ferry.tasks.verify.HttpCheckHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The migration service handlers against a service played by an HTTP server on 127.0.0.1. */
class MigrationServiceHandlersTest {

  /** How the played service answers PATCH /upgrade. */
  enum Behaviour { UPGRADE, SLOW_UPGRADE, SLOW_FAILURE, ERROR }

  private HttpServer server;
  private String baseUrl;
  private volatile Behaviour behaviour = Behaviour.UPGRADE;
  private volatile boolean upToDate;
  private volatile boolean inProgress;
  private volatile String version = "1.0.4";
  private volatile String reportedVersion = "2.0.10";
  private final AtomicInteger patches = new AtomicInteger();
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/db_schema_status", ex -> reply(ex, 200, "{\"is_up_to_date\": " + upToDate
        + ", \"current_version\": \"" + version + "\", \"migration_in_progress\": " + inProgress
        + ", \"unapplied_migrations\": " + (upToDate ? "[]" : "[\"0042_add_runs_index\"]") + "}"));
    server.createContext("/upgrade", ex -> {
      if (!ex.getRequestMethod().equals("PATCH")) {
        reply(ex, 405, "{}");
        return;
      }
      patches.incrementAndGet();
      switch (behaviour) {
        case UPGRADE -> {
          finish(true);
          reply(ex, 200, "{\"upgrade-result\": \"upgrade success\", \"final-status\": {\"is_up_to_date\": true}}");
        }
        case SLOW_UPGRADE, SLOW_FAILURE -> {
          inProgress = true;
          sleep(1800);
          finish(behaviour == Behaviour.SLOW_UPGRADE);
          reply(ex, 200, "{\"upgrade-result\": \"late\"}");
        }
        case ERROR -> reply(ex, 500, "{\"error\": \"migration 0042 failed\"}");
      }
    });
    server.createContext("/version", ex -> reply(ex, 200, "{\"version\": \"" + reportedVersion
        + "\", \"status\": {\"state\": \"ready\"}}"));
    server.start();
    baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void finish(boolean success) {
    upToDate = success;
    version = success ? "2.0.2" : "1.0.4";
    inProgress = false;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void reply(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  private MigrationServiceUpgradeHandler upgrade() {
    return new MigrationServiceUpgradeHandler(http, Duration.ofMillis(100));
  }

  @Test
  void upgradesOnceAndARetryAfterSuccessSendsNoSecondPatch() {
    var first = upgrade().handleRequest(new MigrationServiceUpgradeHandler.Input(baseUrl, 10), null);
    var retry = upgrade().handleRequest(new MigrationServiceUpgradeHandler.Input(baseUrl, 10), null);

    assertThat(first).isEqualTo(new MigrationServiceUpgradeHandler.Output("upgrade success", true, "2.0.2"));
    assertThat(retry.isUpToDate()).isTrue();
    assertThat(retry.upgradeResult()).isEqualTo("already up to date");
    assertThat(patches).hasValue(1);
  }

  @Test
  void aTimedOutPatchIsReconciledByReadingTheStatusNotBySendingItAgain() {
    behaviour = Behaviour.SLOW_UPGRADE;

    var out = upgrade().handleRequest(new MigrationServiceUpgradeHandler.Input(baseUrl, 1), null);

    assertThat(out.isUpToDate()).isTrue();
    assertThat(out.currentVersion()).isEqualTo("2.0.2");
    assertThat(out.upgradeResult()).contains("timed out");
    assertThat(patches).as("exactly one PATCH").hasValue(1);
  }

  @Test
  void aTimedOutPatchThatEndsWithTheSchemaBehindFailsWithoutRepeatingIt() {
    behaviour = Behaviour.SLOW_FAILURE;

    assertThatThrownBy(() -> upgrade().handleRequest(new MigrationServiceUpgradeHandler.Input(baseUrl, 1), null))
        .isInstanceOf(UpgradeFailed.class).hasMessageContaining("timed out").hasMessageContaining("0042_add_runs_index");
    assertThat(patches).hasValue(1);
  }

  @Test
  void aMigrationAlreadyInProgressIsWaitedForNotStartedAgain() throws Exception {
    inProgress = true;
    Thread finisher = Thread.ofVirtual().start(() -> {
      sleep(400);
      finish(true);
    });
    var out = upgrade().handleRequest(new MigrationServiceUpgradeHandler.Input(baseUrl, 10), null);
    finisher.join();

    assertThat(out.isUpToDate()).isTrue();
    assertThat(patches).hasValue(0);
  }

  @Test
  void aServiceErrorFailsTheUpgrade() {
    behaviour = Behaviour.ERROR;
    assertThatThrownBy(() -> upgrade().handleRequest(new MigrationServiceUpgradeHandler.Input(baseUrl, 10), null))
        .isInstanceOf(UpgradeFailed.class).hasMessageContaining("HTTP 500").hasMessageContaining("0042 failed");
  }

  @Test
  void theGuardReportsWhetherAnUpgradeIsNeeded() {
    var guard = new SchemaUpgradeNeededHandler(http);
    var before = guard.handleRequest(new SchemaUpgradeNeededHandler.Input(baseUrl), null);
    upgrade().handleRequest(new MigrationServiceUpgradeHandler.Input(baseUrl, 10), null);
    var after = guard.handleRequest(new SchemaUpgradeNeededHandler.Input(baseUrl), null);

    assertThat(before).isEqualTo(new SchemaUpgradeNeededHandler.Output(true, "1.0.4", java.util.List.of("0042_add_runs_index")));
    assertThat(after.needed()).isFalse();
    assertThatThrownBy(() -> guard.handleRequest(new SchemaUpgradeNeededHandler.Input("ftp://x"), null))
        .isInstanceOf(Ferry.InvalidInput.class).hasMessageContaining("baseUrl");
  }

  @Test
  void httpCheckComparesVersionsNumericallyAndFieldsExactly() {
    var check = new HttpCheckHandler(http);
    var atLeast = check.handleRequest(new HttpCheckHandler.Input(baseUrl + "/version", "version", null, "2.0.2"), null);
    var equals = check.handleRequest(new HttpCheckHandler.Input(baseUrl + "/version", "status.state", "ready", null), null);

    assertThat(atLeast).isEqualTo(new HttpCheckHandler.Output(true, "2.0.10"));
    assertThat(equals.actual()).isEqualTo("ready");
    reportedVersion = "2.0.1";
    assertThatThrownBy(() -> check.handleRequest(new HttpCheckHandler.Input(baseUrl + "/version", "version", null, "2.0.2"), null))
        .isInstanceOf(VerificationFailed.class).hasMessageContaining("'2.0.1', expected a version >= 2.0.2");
    assertThatThrownBy(() -> check.handleRequest(new HttpCheckHandler.Input(baseUrl + "/version", "nope", "x", null), null))
        .isInstanceOf(VerificationFailed.class).hasMessageContaining("no field 'nope'");
    assertThatThrownBy(() -> check.handleRequest(new HttpCheckHandler.Input(baseUrl + "/version", "version", "a", "1"), null))
        .isInstanceOf(Ferry.InvalidInput.class).hasMessageContaining("equals / versionAtLeast");
  }
}
