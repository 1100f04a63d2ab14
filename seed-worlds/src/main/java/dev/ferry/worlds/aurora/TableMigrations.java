package dev.ferry.worlds.aurora;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.tasks.Json;
import dev.ferry.worlds.aurora.RowFormats.Part;
import dev.ferry.worlds.aurora.RowFormats.Table;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The pipeline's own migration and verify functions on DynamoDB Local: {@code
 * aurora-restore-pipeline-migrate-schema} and {@code -migrate-state} rewrite every row of both
 * tables by {@link RowFormats}; {@code aurora-restore-pipeline-verify} reports whether every row is
 * in the expected format.
 */
public final class TableMigrations {

  private final DynamoDbClient dynamoDb;

  public TableMigrations(DynamoDbClient dynamoDb) {
    this.dynamoDb = dynamoDb;
  }

  /** A migration function's handler: {@code {stateTable, auditTable, fromVersion, toVersion}} to {@code {migrated, skipped}}. */
  public JsonNode migrate(Part part, JsonNode payload) {
    PipelineTables tables = tables(payload);
    String from = PipelineStack.required(payload, "fromVersion");
    String to = PipelineStack.required(payload, "toVersion");
    int migrated = 0;
    int skipped = 0;
    for (Table table : Table.values()) {
      for (Map<String, AttributeValue> row : tables.rows(table)) {
        var rewritten = RowFormats.migrate(table, part, from, to, row);
        if (rewritten.isPresent()) {
          // Same key: the put replaces the row whole, so no row is ever missing mid-migration.
          tables.put(table, rewritten.get());
          migrated++;
        } else {
          skipped++;
        }
      }
    }
    return Json.mapper().createObjectNode().put("migrated", migrated).put("skipped", skipped);
  }

  /** {@code {stateTable, auditTable, expectedVersion}} to {@code {ok, version, rows}}: version is the first stray row's. */
  public JsonNode verify(JsonNode payload) {
    PipelineTables tables = tables(payload);
    String expected = PipelineStack.required(payload, "expectedVersion");
    String version = expected;
    int rows = 0;
    for (Table table : Table.values()) {
      for (Map<String, AttributeValue> row : tables.rows(table)) {
        rows++;
        String format = RowFormats.formatOf(row);
        if (!format.equals(expected) && version.equals(expected)) {
          // Half-way through a hop counts as the version it started from.
          version = format.contains("/") ? format.substring(format.indexOf('/') + 1) : format;
        }
      }
    }
    return Json.mapper().createObjectNode().put("ok", version.equals(expected)).put("version", version).put("rows", rows);
  }

  private PipelineTables tables(JsonNode payload) {
    return new PipelineTables(dynamoDb, PipelineStack.required(payload, "stateTable"), PipelineStack.required(payload, "auditTable"));
  }
}
