package dev.ferry.worlds.aurora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import Ferry.UpgradeFailed;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.deploy.local.Fault;
import dev.ferry.deploy.local.LocalRun;
import dev.ferry.deploy.local.LocalSettings;
import dev.ferry.deploy.local.LocalTarget;
import dev.ferry.engine.LambdaHandler;
import dev.ferry.engine.StatesError;
import dev.ferry.tasks.Json;
import dev.ferry.tasks.TaskCatalog;
import dev.ferry.worlds.LocalRuns;
import dev.ferry.worlds.RunEnd;
import dev.ferry.worlds.SecondRun;
import dev.ferry.worlds.WorldCheck;
import dev.ferry.worlds.aurora.RowFormats.Part;
import dev.ferry.worlds.aurora.RowFormats.Table;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class AuroraPipelineTest {

  private static LocalTarget local;
  private static AuroraPipeline world;
  /** Mutates the world: the alias rollback answers as if it had pointed the alias back, and does nothing. */
  private static final AtomicBoolean skipAliasRollback = new AtomicBoolean();
  /** The 3.0 hop's state migration fails (the 2.0 hop's, the same function, does not). */
  private static final AtomicBoolean lastHopFails = new AtomicBoolean();

  @BeforeAll
  static void start() {
    local = LocalTarget.open(LocalSettings.temporary());
    PipelineStack stack = new PipelineStack();
    world = new AuroraPipeline(new PipelineTables(local.dynamoDb(), PipelineTables.STATE, PipelineTables.AUDIT), stack,
        local.environment().functionVersions());
    Map<String, LambdaHandler> functions = AuroraPipeline.functions(stack, local.dynamoDb(), local.environment().functionVersions());
    functions.forEach((name, handler) -> local.registerFunction(name, env -> handler));
    local.resolver(PipelineStack.IAM_PREFIX, AuroraPipeline.iam(stack));
    Function<JsonNode, JsonNode> rollback = TaskCatalog.function("ferry-lambda-alias-rollback").orElseThrow().local(local.environment());
    local.registerFunction("ferry-lambda-alias-rollback", env -> payload -> skipAliasRollback.get()
        ? Json.mapper().createObjectNode().put("version", payload.path("previousVersion").asText()) : rollback.apply(payload));
    LambdaHandler migrateState = functions.get("aurora-restore-pipeline-migrate-state");
    local.registerFunction("aurora-restore-pipeline-migrate-state", env -> payload -> {
      if (lastHopFails.get() && payload.path("toVersion").asText().equals("3.0")) {
        throw new StatesError("Ferry.UpgradeFailed", "the 3.0 state migration fails");
      }
      return migrateState.handle(payload);
    });
    LocalRuns.deploy(local, AuroraPipeline.MIGRATION);
  }

  @AfterEach
  void unmutate() {
    skipAliasRollback.set(false);
    lastHopFails.set(false);
  }

  @Test
  void aFailureInTheLastHopRestoresTheTablesAndPointsTheAliasBackOverBothHops() throws Exception {
    world.reset();
    lastHopFails.set(true);
    RunEnd end = LocalRuns.run(local, AuroraPipeline.MIGRATION, AuroraPipeline.TARGET, world.parameters(), "last-hop-fails");
    assertThat(end).isEqualTo(RunEnd.ROLLED_BACK);
    assertThat(world.check(end)).allMatch(WorldCheck::ok, "every check holds");
    assertThat(world.functionVersions().aliasVersion(AuroraPipeline.FUNCTION, AuroraPipeline.ALIAS)).isEqualTo("1");
  }

  @AfterAll
  static void stop() {
    local.close();
  }

  @Test
  void eachHopRewritesARowAndARepeatChangesNothing() {
    Map<String, AttributeValue> v1 = Map.of("operationId", AttributeValue.fromS("op-1"), "status", AttributeValue.fromS("COMPLETED"),
        "source", AttributeValue.fromS("a"), "target", AttributeValue.fromS("b"), "snapshot", AttributeValue.fromS("s"),
        "started", AttributeValue.fromN("0"));
    var schema2 = RowFormats.migrate(Table.STATE, Part.SCHEMA, "1.0", "2.0", v1).orElseThrow();
    assertThat(RowFormats.formatOf(schema2)).isEqualTo("2.0/1.0");
    assertThat(schema2).containsKeys("sourceClusterId", "targetClusterId", "snapshotArn").doesNotContainKeys("source", "target");
    assertThat(RowFormats.migrate(Table.STATE, Part.SCHEMA, "1.0", "2.0", schema2)).as("a repeat").isEmpty();
    var v2 = RowFormats.migrate(Table.STATE, Part.STATE, "1.0", "2.0", schema2).orElseThrow();
    assertThat(v2.get("startedAt").s()).isEqualTo("1970-01-01T00:00:00Z");
    assertThatThrownBy(() -> RowFormats.migrate(Table.STATE, Part.STATE, "2.0", "3.0", v2))
        .isInstanceOf(UpgradeFailed.class).hasMessageContaining("format 2.0").hasMessageContaining("expects 3.0/2.0");
    var v3 = RowFormats.fullyMigrated(Table.STATE, v1);
    assertThat(RowFormats.formatOf(v3)).isEqualTo("3.0");
    assertThat(v3.get("clusters").m()).containsOnlyKeys("source", "target");
    assertThat(v3.get("status").s()).isEqualTo("SUCCEEDED");
  }

  @Test
  void aRunRewritesEveryRowIntoThreePointZeroAndMovesTheAlias() throws Exception {
    world.reset();
    RunEnd end = LocalRuns.run(local, AuroraPipeline.MIGRATION, AuroraPipeline.TARGET, world.parameters(), "success");
    assertThat(end).isEqualTo(RunEnd.SUCCEEDED);
    assertThat(world.check(end)).allMatch(WorldCheck::ok, "every check holds");
    assertThat(world.tables().rows(Table.STATE)).hasSize(PipelineTables.OPERATIONS)
        .allSatisfy(row -> assertThat(RowFormats.formatOf(row)).isEqualTo("3.0"));
    assertThat(world.functionVersions().aliasVersion(AuroraPipeline.FUNCTION, AuroraPipeline.ALIAS)).isEqualTo("3");
  }

  @Test
  void aFailedStateMigrationRestoresBothTablesAndEveryAlias() throws Exception {
    world.reset();
    local.faults().inject("aurora-restore-pipeline-migrate-state", new Fault.Fail("Ferry.InjectedFailure", "state migration fails", 1));
    RunEnd end = LocalRuns.run(local, AuroraPipeline.MIGRATION, AuroraPipeline.TARGET, world.parameters(), "state-fails");
    assertThat(end).isEqualTo(RunEnd.ROLLED_BACK);
    assertThat(world.check(end)).allMatch(WorldCheck::ok, "every check holds");
  }

  @Test
  void theGuardRefusesARunWhileAnOperationIsInProgress() throws Exception {
    world.resetWithOperationInProgress();
    RunEnd end = LocalRuns.run(local, AuroraPipeline.MIGRATION, AuroraPipeline.TARGET, world.parameters(), "in-progress");
    assertThat(end).isNotEqualTo(RunEnd.SUCCEEDED);
    assertThat(local.store().audit(AuroraPipeline.TARGET, java.util.Optional.empty()))
        .noneMatch(row -> row.step().equals("back-up-tables-and-template"));
    assertThat(world.check(RunEnd.ROLLED_BACK)).allMatch(WorldCheck::ok, "nothing changed");
  }

  @Test
  void aSecondRunOnThePipelineAtThreePointZeroSucceedsTouchingNothing() throws Exception {
    world.reset();
    assertThat(LocalRuns.run(local, AuroraPipeline.MIGRATION, AuroraPipeline.TARGET, world.parameters(), "first"))
        .isEqualTo(RunEnd.SUCCEEDED);
    Map<Table, List<Map<String, AttributeValue>>> rows = rows();
    // A table backup is a copy table beside its source: no new table, no backup.
    List<String> tables = local.dynamoDb().listTables().tableNames();
    String alias = world.functionVersions().aliasVersion(AuroraPipeline.FUNCTION, AuroraPipeline.ALIAS);
    Map<String, String> objects = world.stack().objects();
    Map<String, String> policies = world.stack().policies(PipelineStack.ROLE);

    LocalRun again = SecondRun.run(local, AuroraPipeline.MIGRATION, AuroraPipeline.TARGET, world.parameters(), "second");

    SecondRun.touchedNothing(local, again);
    assertThat(rows()).as("no row changed").isEqualTo(rows);
    assertThat(local.dynamoDb().listTables().tableNames()).as("no table backed up").isEqualTo(tables);
    assertThat(world.functionVersions().aliasVersion(AuroraPipeline.FUNCTION, AuroraPipeline.ALIAS))
        .as("no version published").isEqualTo(alias).isEqualTo("3");
    assertThat(world.stack().objects()).as("no template backed up").isEqualTo(objects);
    assertThat(world.stack().policies(PipelineStack.ROLE)).as("no permission changed").isEqualTo(policies);
    assertThat(world.check(RunEnd.SUCCEEDED)).allMatch(WorldCheck::ok, "every check holds");
  }

  @Test
  void thePipelineIsAtThreePointZeroOnlyWhenItsRowsAndItsAliasAre() throws Exception {
    world.reset();
    LambdaHandler version = AuroraPipeline.functions(world.stack(), local.dynamoDb(), world.functionVersions())
        .get("aurora-restore-pipeline-version");
    JsonNode payload = world.parameters().put("alias", AuroraPipeline.ALIAS).put("targetVersion", RowFormats.V3);
    assertThat(version.handle(payload).path("upToDate").asBoolean()).isFalse();
    assertThat(version.handle(payload).path("version").asText()).isEqualTo("1.0");

    assertThat(LocalRuns.run(local, AuroraPipeline.MIGRATION, AuroraPipeline.TARGET, world.parameters(), "to-3"))
        .isEqualTo(RunEnd.SUCCEEDED);
    assertThat(version.handle(payload).path("upToDate").asBoolean()).isTrue();

    // Rows in 3.0 under the 1.0 release: the run still has the code to publish.
    world.functionVersions().pointAlias(AuroraPipeline.FUNCTION, AuroraPipeline.ALIAS, "1");
    JsonNode oldCode = version.handle(payload);
    assertThat(oldCode.path("upToDate").asBoolean()).isFalse();
    assertThat(oldCode.path("tablesVersion").asText() + " " + oldCode.path("codeVersion").asText()).isEqualTo("3.0 1.0");

    // The 3.0 release over one row still half-way through the last hop.
    world.functionVersions().pointAlias(AuroraPipeline.FUNCTION, AuroraPipeline.ALIAS, "3");
    Map<String, AttributeValue> halfWay = new HashMap<>(world.tables().rows(Table.STATE).getFirst());
    halfWay.put("stateVersion", AttributeValue.fromS(RowFormats.V2));
    world.tables().put(Table.STATE, halfWay);
    assertThat(version.handle(payload).path("version").asText()).isEqualTo("2.0");
    assertThat(version.handle(payload).path("upToDate").asBoolean()).isFalse();
  }

  private static Map<Table, List<Map<String, AttributeValue>>> rows() {
    Map<Table, List<Map<String, AttributeValue>>> rows = new EnumMap<>(Table.class);
    for (Table table : Table.values()) {
      rows.put(table, world.tables().rows(table));
    }
    return rows;
  }

  @Test
  void theChecksCatchASkippedAliasRollbackAndALostRow() throws Exception {
    world.reset();
    skipAliasRollback.set(true);
    local.faults().inject("aurora-restore-pipeline-verify", new Fault.Fail("Ferry.InjectedFailure", "verify fails", 1));
    RunEnd end = LocalRuns.run(local, AuroraPipeline.MIGRATION, AuroraPipeline.TARGET, world.parameters(), "mutated");
    assertThat(end).isEqualTo(RunEnd.ROLLED_BACK);
    world.tables().delete(Table.AUDIT, world.tables().rows(Table.AUDIT).getFirst());
    assertThat(world.check(end)).filteredOn(c -> !c.ok()).extracting(WorldCheck::name)
        .containsExactlyInAnyOrder("alias", "tables as before");
  }
}
