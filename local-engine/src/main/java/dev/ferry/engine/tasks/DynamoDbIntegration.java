package dev.ferry.engine.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.engine.StatesError;
import dev.ferry.engine.TaskRequest;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * DynamoDB tasks through a real {@link DynamoDbClient}: the optimized integrations {@code
 * arn:aws:states:::dynamodb:getItem|putItem|updateItem|deleteItem} (errors {@code DynamoDB.<Exception>})
 * and {@code arn:aws:states:::aws-sdk:dynamodb:<action>} for any DynamoDB API action (errors {@code
 * DynamoDb.<Exception>}). Parameters map onto the SDK request by the API's member names.
 */
public final class DynamoDbIntegration {
  public static final String OPTIMIZED_PREFIX = "arn:aws:states:::dynamodb:";
  public static final String SDK_PREFIX = "arn:aws:states:::aws-sdk:dynamodb:";
  private static final Set<String> OPTIMIZED = Set.of("getItem", "putItem", "updateItem", "deleteItem");
  private static final String MODEL = "software.amazon.awssdk.services.dynamodb.model.";

  private final DynamoDbClient client;

  public DynamoDbIntegration(DynamoDbClient client) {
    this.client = client;
  }

  public JsonNode invoke(TaskRequest request) {
    String resource = request.resource();
    boolean optimized = resource.startsWith(OPTIMIZED_PREFIX);
    String action = resource.substring((optimized ? OPTIMIZED_PREFIX : SDK_PREFIX).length());
    if (optimized && !OPTIMIZED.contains(action)) {
      throw new StatesError(
          "States.Runtime",
          "'" + resource + "' is not a DynamoDB optimized integration (those are getItem, putItem, updateItem, deleteItem); use arn:aws:states:::aws-sdk:dynamodb:" + action + ".");
    }
    String operation = Character.toUpperCase(action.charAt(0)) + action.substring(1);
    Class<?> requestClass;
    try {
      requestClass = Class.forName(MODEL + operation + "Request");
    } catch (ClassNotFoundException e) {
      throw new StatesError("States.Runtime", "DynamoDB has no API action '" + action + "' (resource " + resource + ").");
    }
    Object response;
    try {
      SdkPojo builder = (SdkPojo) requestClass.getMethod("builder").invoke(null);
      SdkJson.fill(builder, request.parameters(), "State '" + request.stateName() + "' parameters for " + operation);
      Object sdkRequest = ((SdkBuilder<?, ?>) builder).build();
      Method method = DynamoDbClient.class.getMethod(action, requestClass);
      response = method.invoke(client, sdkRequest);
    } catch (InvocationTargetException e) {
      throw error(e.getCause(), optimized);
    } catch (ReflectiveOperationException e) {
      throw new StatesError("States.Runtime", "DynamoDB action '" + action + "' cannot be called: " + e);
    }
    ObjectNode out = SdkJson.toJson((SdkPojo) response);
    if (optimized) {
      SdkResponse sdkResponse = (SdkResponse) response;
      ObjectNode http = out.putObject("SdkHttpMetadata");
      http.putObject("AllHttpHeaders");
      http.putObject("HttpHeaders");
      http.put("HttpStatusCode", sdkResponse.sdkHttpResponse().statusCode());
      out.putObject("SdkResponseMetadata").put("RequestId", ((software.amazon.awssdk.awscore.AwsResponse) response).responseMetadata().requestId());
    }
    return out;
  }

  private static StatesError error(Throwable cause, boolean optimized) {
    String prefix = optimized ? "DynamoDB." : "DynamoDb.";
    if (cause instanceof AwsServiceException e) {
      String code = e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null ? e.awsErrorDetails().errorCode() : e.getClass().getSimpleName();
      return new StatesError(prefix + code, e.getMessage());
    }
    if (cause instanceof SdkClientException e) {
      return new StatesError(prefix + "SdkClientException", e.getMessage());
    }
    if (cause instanceof StatesError e) {
      return e;
    }
    return new StatesError(prefix + cause.getClass().getSimpleName(), String.valueOf(cause.getMessage()));
  }
}
