package dev.ferry.engine.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The request constraints DynamoDB checks before anything else (required members, the table name's
 * pattern and length), worded as AWS words them. DynamoDB Local checks them later or differently
 * (a missing table first, its own wording), and machines that catch these errors read AWS's.
 */
final class DynamoDbConstraints {
  private DynamoDbConstraints() {}

  private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]+");

  /** Required members per API action, from the DynamoDB API reference. */
  private static final Map<String, List<String>> REQUIRED =
      Map.ofEntries(
          Map.entry("GetItem", List.of("Key", "TableName")),
          Map.entry("PutItem", List.of("Item", "TableName")),
          Map.entry("UpdateItem", List.of("Key", "TableName")),
          Map.entry("DeleteItem", List.of("Key", "TableName")),
          Map.entry("Query", List.of("TableName")),
          Map.entry("Scan", List.of("TableName")),
          Map.entry("BatchGetItem", List.of("RequestItems")),
          Map.entry("BatchWriteItem", List.of("RequestItems")),
          Map.entry("TransactGetItems", List.of("TransactItems")),
          Map.entry("TransactWriteItems", List.of("TransactItems")),
          Map.entry("CreateTable", List.of("AttributeDefinitions", "KeySchema", "TableName")),
          Map.entry("DescribeTable", List.of("TableName")),
          Map.entry("DeleteTable", List.of("TableName")),
          Map.entry("UpdateTable", List.of("TableName")));

  /** AWS's "N validation error(s) detected: ..." text for {@code parameters}, or null when they pass. */
  static String violations(String operation, JsonNode parameters) {
    List<String> found = new ArrayList<>();
    for (String member : REQUIRED.getOrDefault(operation, List.of())) {
      JsonNode value = parameters.get(member);
      if (value == null || value.isNull()) {
        found.add("Value null at '" + lowerCamel(member) + "' failed to satisfy constraint: Member must not be null");
      }
    }
    JsonNode table = parameters.get("TableName");
    if (table != null && table.isTextual() && !table.asText().startsWith("arn:")) {
      String name = table.asText();
      if (!TABLE_NAME.matcher(name).matches()) {
        found.add("Value '" + name + "' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: " + TABLE_NAME.pattern());
      }
      if (name.length() < 3) {
        found.add("Value '" + name + "' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3");
      } else if (name.length() > 255) {
        found.add("Value '" + name + "' at 'tableName' failed to satisfy constraint: Member must have length less than or equal to 255");
      }
    }
    if (found.isEmpty()) {
      return null;
    }
    return found.size() + (found.size() == 1 ? " validation error" : " validation errors") + " detected: " + String.join("; ", found);
  }

  private static String lowerCamel(String member) {
    return Character.toLowerCase(member.charAt(0)) + member.substring(1);
  }
}
