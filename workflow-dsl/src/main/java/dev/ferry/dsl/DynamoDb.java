package dev.ferry.dsl;

/**
 * DynamoDB operations through the optimized integration; parameters are the API's own
 * ({@code TableName}, {@code Key} with typed attribute values ...).
 */
public final class DynamoDb {
  private DynamoDb() {}

  /** The operations the optimized integration offers. */
  public enum Operation {
    GET_ITEM("getItem"),
    PUT_ITEM("putItem"),
    UPDATE_ITEM("updateItem"),
    DELETE_ITEM("deleteItem");

    private final String apiName;

    Operation(String apiName) {
      this.apiName = apiName;
    }

    public String apiName() {
      return apiName;
    }
  }

  public static Action.DynamoDbCall getItem(Payload parameters) {
    return new Action.DynamoDbCall(Operation.GET_ITEM, parameters);
  }

  public static Action.DynamoDbCall putItem(Payload parameters) {
    return new Action.DynamoDbCall(Operation.PUT_ITEM, parameters);
  }

  public static Action.DynamoDbCall updateItem(Payload parameters) {
    return new Action.DynamoDbCall(Operation.UPDATE_ITEM, parameters);
  }

  public static Action.DynamoDbCall deleteItem(Payload parameters) {
    return new Action.DynamoDbCall(Operation.DELETE_ITEM, parameters);
  }
}
