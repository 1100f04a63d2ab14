package dev.ferry.worlds.metaflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.deploy.local.Fault;
import dev.ferry.deploy.local.LocalRun;
import dev.ferry.deploy.local.LocalSettings;
import dev.ferry.deploy.local.LocalTarget;
import dev.ferry.tasks.migrationservice.MigrationService;
import dev.ferry.tasks.migrationservice.SchemaStatus;
import dev.ferry.tasks.writers.PausedWriter;
import dev.ferry.tasks.writers.WriterSpec;
import dev.ferry.worlds.LocalRuns;
import dev.ferry.worlds.RunEnd;
import dev.ferry.worlds.SecondRun;
import dev.ferry.worlds.WorldCheck;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetaflowStackTest {

  private static LocalTarget local;
  private static MetaflowStack world;

  @BeforeAll
  static void start() throws Exception {
    local = LocalTarget.open(LocalSettings.temporary());
    MetaflowStack.functions(() -> world).forEach((name, handler) -> local.registerFunction(name, env -> handler));
    LocalRuns.deploy(local, MetaflowStack.MIGRATION);
  }

  @AfterAll
  static void stop() {
    world.close();
    local.close();
  }

  @BeforeEach
  void reset() throws Exception {
    if (world != null) {
      world.close();
    }
    MetaflowStack.createSeeded(local.postgres(), MetaflowStack.DATABASE);
    world = MetaflowStack.open(local.postgres(), MetaflowStack.DATABASE);
  }

  @Test
  void theMigrationServiceReportsAndAppliesTheSchemaOverHttp() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    MigrationService client = new MigrationService(http, world.migrationServiceUrl());
    SchemaStatus before = client.status(Duration.ofSeconds(5));
    assertThat(before.upToDate()).isFalse();
    assertThat(before.currentVersion()).isEqualTo("1");
    assertThat(before.unappliedMigrations()).containsExactly("V2__run_tags.sql", "V3__run_owner.sql");
    assertThat(version(http)).isEqualTo("2.0.0");

    HttpResponse<String> wrongMethod = http.send(HttpRequest.newBuilder(URI.create(world.migrationServiceUrl() + "/upgrade"))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(wrongMethod.statusCode()).isEqualTo(405);

    var upgrade = new ExecuteDbMigration(world.migrationServiceUrl()).handle(null);
    assertThat(upgrade.path("upgrade-result").asText()).isEqualTo("upgrade success");
    assertThat(upgrade.path("final-status").path("is_up_to_date").asBoolean()).isTrue();
    assertThat(upgrade.path("final-status").path("current_version").asText()).isEqualTo("3");
    assertThat(version(http)).isEqualTo("2.0.2");
    try (Connection c = local.postgres().connect(MetaflowStack.DATABASE); Statement s = c.createStatement()) {
      s.execute("SELECT owner FROM runs LIMIT 1");
      s.execute("SELECT run_id, tag FROM run_tags LIMIT 1");
    }
  }

  @Test
  void pausingTheServiceRecordsItsTaskCountAndResumingBringsItBack() {
    MetadataServiceScaling scaling = new MetadataServiceScaling(world.service());
    PausedWriter paused = scaling.pause(new WriterSpec("ecs", MetaflowStack.SERVICE, MetaflowStack.CLUSTER));
    assertThat(paused).isEqualTo(new PausedWriter.EcsService(MetaflowStack.SERVICE, MetaflowStack.CLUSTER, MetaflowStack.TASKS));
    assertThat(world.service().desiredCount()).isZero();
    int acknowledged = world.service().acknowledged().size();
    assertThat(scaling.pause(new WriterSpec("ecs", MetaflowStack.SERVICE, MetaflowStack.CLUSTER)))
        .as("a repeated pause still reports the count from before the first").isEqualTo(paused);
    assertThat(world.service().acknowledged()).hasSize(acknowledged);
    scaling.resume(paused);
    assertThat(world.service().desiredCount()).isEqualTo(MetaflowStack.TASKS);
  }

  @Test
  void aRunUpgradesTheSchemaWithoutLosingARun() throws Exception {
    RunEnd end = LocalRuns.run(local, MetaflowStack.MIGRATION, "metaflow-metadata", world.parameters(), "success");
    assertThat(end).isEqualTo(RunEnd.SUCCEEDED);
    assertThat(world.check(end)).allMatch(WorldCheck::ok, "every check holds");
    assertThat(world.schema().status().currentVersion()).isEqualTo(3);
  }

  @Test
  void aFailedVerifyRestoresTheSnapshotAndRestartsTheService() throws Exception {
    local.faults().inject("ferry-http-check", new Fault.Fail("Ferry.InjectedFailure", "verify fails", 1));
    RunEnd end = LocalRuns.run(local, MetaflowStack.MIGRATION, "metaflow-metadata", world.parameters(), "verify-fails");
    assertThat(end).isEqualTo(RunEnd.ROLLED_BACK);
    assertThat(world.check(end)).allMatch(WorldCheck::ok, "every check holds");
    assertThat(world.schema().status().currentVersion()).isEqualTo(1);
  }

  @Test
  void theChecksCatchALostRunAndAServiceLeftPaused() throws Exception {
    RunEnd end = LocalRuns.run(local, MetaflowStack.MIGRATION, "metaflow-metadata", world.parameters(), "mutated");
    long lost = world.service().acknowledged().getLast();
    try (Connection c = local.postgres().connect(MetaflowStack.DATABASE); Statement s = c.createStatement()) {
      s.execute("DELETE FROM runs WHERE id = " + lost);
    }
    world.service().scaleTo(0);
    List<WorldCheck> checks = world.check(end);
    assertThat(checks).filteredOn(c -> !c.ok()).extracting(WorldCheck::name)
        .containsExactlyInAnyOrder("acknowledged runs", "metadata service");
  }

  @Test
  void aSecondRunOnTheUpgradedSchemaSucceedsTouchingNothing() throws Exception {
    assertThat(LocalRuns.run(local, MetaflowStack.MIGRATION, "metaflow-metadata", world.parameters(), "first-night"))
        .isEqualTo(RunEnd.SUCCEEDED);
    List<String> databases = local.postgres().databases();
    MetadataSchema.Status schema = world.schema().status();
    int scaleDowns = world.service().scaleDowns();

    LocalRun again = SecondRun.run(local, MetaflowStack.MIGRATION, "metaflow-metadata", world.parameters(), "second-night");

    SecondRun.touchedNothing(local, again);
    assertThat(world.service().scaleDowns()).as("the service was never paused").isEqualTo(scaleDowns);
    assertThat(world.service().desiredCount()).isEqualTo(MetaflowStack.TASKS);
    assertThat(local.postgres().databases()).as("no snapshot").isEqualTo(databases);
    assertThat(world.schema().status()).as("no change").isEqualTo(schema);
    assertThat(world.check(RunEnd.SUCCEEDED)).allMatch(WorldCheck::ok, "every check holds");
  }

  private String version(HttpClient http) {
    return MigrationService.getJson(http, URI.create(world.migrationServiceUrl() + "/version"), Duration.ofSeconds(5))
        .path("version").asText();
  }
}
