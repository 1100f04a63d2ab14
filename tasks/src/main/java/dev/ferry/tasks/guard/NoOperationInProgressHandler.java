package dev.ferry.tasks.guard;

import Ferry.OperationInProgress;
import Ferry.TableNotFound;
import com.amazonaws.services.lambda.runtime.Context;
import dev.ferry.tasks.FerryHandler;
import dev.ferry.tasks.aws.AwsAdapters;
import dev.ferry.tasks.Fields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * {@code ferry-guard-no-operation-in-progress}: fails with {@code Ferry.OperationInProgress}, naming
 * the holder (the item's key), when any item of the table has {@code statusAttribute} set to one of
 * {@code inProgressValues}; the Aurora Restore Pipeline's precheck on {@code AuroraRestoreState}.
 * Read-only (a consistent scan), so repeating it is harmless. The DynamoDB client is the port: the
 * same code runs against DynamoDB and DynamoDB Local.
 */
public final class NoOperationInProgressHandler
    extends FerryHandler<NoOperationInProgressHandler.Input, NoOperationInProgressHandler.Output> {

  public record Input(String tableName, String statusAttribute, List<String> inProgressValues) {}

  public record Output(boolean ok, String holder) {}

  private final DynamoDbClient dynamoDb;

  /** On AWS: the adapters over the SDK clients (the Lambda runtime calls this). */
  public NoOperationInProgressHandler() {
    this(AwsAdapters.dynamoDb());
  }

  public NoOperationInProgressHandler(DynamoDbClient dynamoDb) {
    this.dynamoDb = dynamoDb;
  }

  @Override
  public Output handleRequest(Input input, Context context) {
    String table = Fields.text(input.tableName(), "tableName");
    String attribute = Fields.text(input.statusAttribute(), "statusAttribute");
    List<String> values = Fields.nonEmpty(input.inProgressValues(), "inProgressValues");
    Map<String, AttributeValue> placeholders = new LinkedHashMap<>();
    for (int i = 0; i < values.size(); i++) {
      placeholders.put(":v" + i, AttributeValue.fromS(values.get(i)));
    }
    String filter = "#s IN (" + String.join(", ", placeholders.keySet()) + ")";
    try {
      List<String> keys = dynamoDb.describeTable(r -> r.tableName(table)).table().keySchema().stream()
          .map(KeySchemaElement::attributeName).toList();
      List<Map<String, AttributeValue>> found = new ArrayList<>();
      dynamoDb.scanPaginator(r -> r.tableName(table).consistentRead(true).filterExpression(filter)
          .expressionAttributeNames(Map.of("#s", attribute)).expressionAttributeValues(placeholders))
          .items().stream().limit(1).forEach(found::add);
      if (!found.isEmpty()) {
        Map<String, AttributeValue> item = found.getFirst();
        String holder = keys.stream().map(k -> k + "=" + text(item.get(k))).collect(Collectors.joining(","));
        throw new OperationInProgress("table " + table + " has an operation in progress (" + holder + ", "
            + attribute + "=" + text(item.get(attribute)) + "); wait for it to finish before migrating");
      }
      return new Output(true, null);
    } catch (ResourceNotFoundException e) {
      throw new TableNotFound("DynamoDB table " + table + " does not exist; check tableName", e);
    }
  }

  private static String text(AttributeValue value) {
    if (value == null) {
      return "";
    }
    return value.s() != null ? value.s() : value.n() != null ? value.n() : value.toString();
  }
}
