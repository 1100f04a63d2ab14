package dev.ferry.worlds.aurora;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.tasks.Json;
import dev.ferry.tasks.local.LocalFunctionVersions;
import dev.ferry.worlds.aurora.RowFormats.Table;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The pipeline's own {@code aurora-restore-pipeline-version} on DynamoDB Local and the local
 * function registry: {@code {stateTable, auditTable, functionName, alias, targetVersion}} to {@code
 * {version, tablesVersion, codeVersion, upToDate}}. The pipeline is at the lower of its tables'
 * version (the lowest row format; a row half-way through a hop counts as the version it started
 * from) and the release its alias runs; {@code upToDate} when that is at or past {@code
 * targetVersion}. It only reads.
 */
public final class PipelineVersion {

  private static final List<String> RELEASES = List.of(RowFormats.V1, RowFormats.V2, RowFormats.V3);
  /** A version below every release: what an alias on code the pipeline never shipped counts as. */
  private static final String UNKNOWN = "0";
  private static final Comparator<String> BY_VERSION = (a, b) -> Arrays.compare(numbers(a), numbers(b));

  private final DynamoDbClient dynamoDb;
  private final LocalFunctionVersions functionVersions;

  public PipelineVersion(DynamoDbClient dynamoDb, LocalFunctionVersions functionVersions) {
    this.dynamoDb = dynamoDb;
    this.functionVersions = functionVersions;
  }

  public JsonNode handle(JsonNode payload) {
    PipelineTables tables = new PipelineTables(dynamoDb, PipelineStack.required(payload, "stateTable"),
        PipelineStack.required(payload, "auditTable"));
    String target = PipelineStack.required(payload, "targetVersion");
    String code = functionVersions.aliasCode(PipelineStack.required(payload, "functionName"),
        PipelineStack.required(payload, "alias"));
    String codeVersion = RELEASES.stream().filter(v -> AuroraPipeline.code(v).equals(code)).findFirst().orElse(UNKNOWN);
    Optional<String> tablesVersion = Stream.of(Table.values())
        .flatMap(t -> tables.rows(t).stream())
        .map(PipelineVersion::versionOf)
        .min(BY_VERSION);
    String version = tablesVersion.filter(v -> BY_VERSION.compare(v, codeVersion) < 0).orElse(codeVersion);
    return Json.mapper().createObjectNode()
        .put("version", version)
        .put("tablesVersion", tablesVersion.orElse("(no rows)"))
        .put("codeVersion", codeVersion)
        .put("code", code)
        .put("upToDate", BY_VERSION.compare(version, target) >= 0);
  }

  private static String versionOf(Map<String, AttributeValue> row) {
    String format = RowFormats.formatOf(row);
    return format.contains("/") ? format.substring(format.indexOf('/') + 1) : format;
  }

  private static int[] numbers(String version) {
    return Arrays.stream(version.split("\\.")).mapToInt(Integer::parseInt).toArray();
  }
}
