package dev.ferry.worlds.aurora;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.engine.LambdaHandler;
import dev.ferry.engine.TaskResolver;
import dev.ferry.tasks.local.LocalFunctionVersions;
import dev.ferry.worlds.RunEnd;
import dev.ferry.worlds.WorldCheck;
import dev.ferry.worlds.aurora.RowFormats.Part;
import dev.ferry.worlds.aurora.RowFormats.Table;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The Aurora Restore Pipeline as one run of {@code aurora-restore-pipeline-upgrade} finds it: its two
 * tables with sample operations in the 1.0 format, its Lambda function with the alias {@value #ALIAS}
 * at version 1 (the 1.0 code), its stack's template and its IAM role; and what must hold after the run.
 *
 * <p>The functions it stands in for ({@link #functions}): the pipeline's own {@code
 * aurora-restore-pipeline-save-template}, {@code -migrate-schema}, {@code -migrate-state}, {@code
 * -verify} and {@code -version} (the already-done check, {@link PipelineVersion}), and the {@code aws-sdk:iam:*} integrations ({@link #iam}). The guard, table
 * backups and restores, and the version publish and alias rollback run on the shipped functions'
 * local adapters, on the same DynamoDB Local and function registry.
 */
public final class AuroraPipeline implements AutoCloseable {

  public static final String MIGRATION = "aurora-restore-pipeline-upgrade";
  public static final String TARGET = "aurora-restore-pipeline";
  public static final String FUNCTION = "aurora-restore-pipeline";
  public static final String ALIAS = "live";
  public static final String CODE_BUCKET = "pipeline-artifacts";
  public static final String BACKUP_BUCKET = "pipeline-backups";
  public static final String V3_POLICY = "aurora-restore-pipeline-v3";
  /** The pipeline's own functions the runbook calls. */
  public static final List<String> FUNCTIONS = List.of("aurora-restore-pipeline-save-template",
      "aurora-restore-pipeline-migrate-schema", "aurora-restore-pipeline-migrate-state", "aurora-restore-pipeline-verify",
      "aurora-restore-pipeline-version");

  private final PipelineTables tables;
  private final PipelineStack stack;
  private final LocalFunctionVersions functionVersions;
  private final Map<Table, List<Map<String, AttributeValue>>> before = new EnumMap<>(Table.class);

  public AuroraPipeline(PipelineTables tables, PipelineStack stack, LocalFunctionVersions functionVersions) {
    this.tables = tables;
    this.stack = stack;
    this.functionVersions = functionVersions;
  }

  /**
   * The pipeline's own functions on DynamoDB Local, {@code stack} and the function registry whose
   * alias the runbook moves, by the name the runbook calls them.
   */
  public static Map<String, LambdaHandler> functions(PipelineStack stack, DynamoDbClient dynamoDb,
      LocalFunctionVersions functionVersions) {
    TableMigrations migrations = new TableMigrations(dynamoDb);
    return Map.of(
        FUNCTIONS.get(0), stack::saveTemplate,
        FUNCTIONS.get(1), payload -> migrations.migrate(Part.SCHEMA, payload),
        FUNCTIONS.get(2), payload -> migrations.migrate(Part.STATE, payload),
        FUNCTIONS.get(3), migrations::verify,
        FUNCTIONS.get(4), new PipelineVersion(dynamoDb, functionVersions)::handle);
  }

  /** The {@code aws-sdk:iam:*} integrations, on {@code stack}'s role. */
  public static TaskResolver iam(PipelineStack stack) {
    return request -> stack.iam(request.resource(), request.parameters());
  }

  public ObjectNode parameters() {
    return JsonNodeFactory.instance.objectNode()
        .put("stateTable", tables.state())
        .put("auditTable", tables.audit())
        .put("backupBucket", BACKUP_BUCKET)
        .put("functionName", FUNCTION)
        .put("codeS3Bucket", CODE_BUCKET)
        .put("pipelineRoleName", PipelineStack.ROLE)
        .put("v3PolicyDocument", "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\","
            + " \"Action\": \"rds:CopyDBClusterSnapshot\", \"Resource\": \"*\"}]}");
  }

  /** Before a run whose tables hold what it starts from: the stack and role at 1.0, the alias at the 1.0 code. */
  public AuroraPipeline prepare() {
    stack.reset();
    functionVersions.register(FUNCTION, ALIAS, code(RowFormats.V1));
    for (Table table : Table.values()) {
      before.put(table, tables.rows(table));
    }
    return this;
  }

  /** Creates the tables unless they exist and fills them with the sample operations, then {@link #prepare}s. */
  public AuroraPipeline reset() {
    tables.create();
    tables.seed(List.of());
    return prepare();
  }

  /** As {@link #reset()}, with one more operation that is still in progress: the guard must refuse the run. */
  public AuroraPipeline resetWithOperationInProgress() {
    tables.create();
    tables.seed(List.of(PipelineTables.operationInProgress()));
    return prepare();
  }

  // ---------------------------------------------------------------- checks

  /** The world's invariants after a run that ended {@code end}. */
  public List<WorldCheck> check(RunEnd end) {
    boolean asBefore = true;
    boolean migrated = true;
    List<String> stray = new ArrayList<>();
    for (Table table : Table.values()) {
      List<Map<String, AttributeValue>> now = tables.rows(table);
      List<Map<String, AttributeValue>> expected = before.get(table).stream().map(r -> RowFormats.fullyMigrated(table, r)).toList();
      asBefore &= now.equals(before.get(table));
      migrated &= now.equals(expected);
      if (!now.equals(expected) && !now.equals(before.get(table))) {
        stray.add(tables.name(table) + " (" + now.size() + " rows, " + before.get(table).size() + " before; formats "
            + now.stream().map(RowFormats::formatOf).distinct().sorted().toList() + ")");
      }
    }
    String alias = functionVersions.aliasCode(FUNCTION, ALIAS);
    boolean v3Policy = stack.policies(PipelineStack.ROLE).containsKey(V3_POLICY);
    List<WorldCheck> checks = new ArrayList<>();
    switch (end) {
      case SUCCEEDED -> {
        checks.add(WorldCheck.of("rows in 3.0", migrated, migrated ? "every seeded row is there, rewritten into 3.0"
            : "not every seeded row is there in 3.0: " + stray));
        checks.add(WorldCheck.of("alias", alias.equals(code(RowFormats.V3)), ALIAS + " runs " + alias));
        checks.add(WorldCheck.of("v3 permissions", v3Policy, v3Policy ? "granted" : "missing from " + PipelineStack.ROLE));
        boolean saved = stack.objects().values().stream().anyMatch(stack.template(PipelineStack.STACK)::equals);
        checks.add(WorldCheck.of("template backup", saved, saved ? "the 1.0 template is in " + BACKUP_BUCKET : "no copy of the template"));
      }
      case ROLLED_BACK -> {
        checks.add(WorldCheck.of("tables as before", asBefore, asBefore ? "both tables hold exactly what they held before"
            : "the tables differ from before: " + stray));
        checks.add(WorldCheck.of("alias", alias.equals(code(RowFormats.V1)), ALIAS + " runs " + alias));
        checks.add(WorldCheck.of("v3 permissions", !v3Policy, v3Policy ? "still granted after the rollback" : "not granted"));
      }
      case INCOMPLETE -> checks.add(WorldCheck.of("rows in 3.0", migrated, migrated
          ? "every seeded row is there in 3.0 (past the point of no return nothing is undone)"
          : "not every seeded row is there in 3.0: " + stray));
      case ROLLBACK_FAILED, OTHER -> checks.add(WorldCheck.of("tables", asBefore || migrated,
          asBefore ? "as before" : migrated ? "in 3.0" : "neither as before nor in 3.0: " + stray));
    }
    return List.copyOf(checks);
  }

  // ---------------------------------------------------------------- pieces, for tests

  public PipelineTables tables() {
    return tables;
  }

  public PipelineStack stack() {
    return stack;
  }

  public LocalFunctionVersions functionVersions() {
    return functionVersions;
  }

  @Override
  public void close() {
    // Nothing runs: the tables, stack and registry are the rehearsal's, reset before the next run.
  }

  /** Where the runbook's publish step finds the code of {@code version} (its default prefix). */
  public static String code(String version) {
    return "s3://" + CODE_BUCKET + "/aurora-restore-pipeline/" + version + "/function.zip";
  }
}
