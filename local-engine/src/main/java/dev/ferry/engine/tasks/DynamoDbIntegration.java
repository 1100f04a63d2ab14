package dev.ferry.engine.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.engine.StatesError;
import dev.ferry.engine.TaskRequest;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Set;
import java.util.UUID;
import dev.ferry.engine.data.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import software.amazon.awssdk.awscore.AwsResponse;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
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

  private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  private final DynamoDbClient client;
  private final Supplier<Instant> clock;

  public DynamoDbIntegration(DynamoDbClient client, Supplier<Instant> clock) {
    this.client = client;
    this.clock = clock;
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
    String invalid = DynamoDbConstraints.violations(operation, request.parameters());
    if (invalid != null) {
      throw error(optimized, null, invalid, 400, "ValidationException", UUID.randomUUID().toString());
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
      addHttpMetadata(out, action, (AwsResponse) response);
    }
    return out;
  }

  /**
   * The optimized integration's {@code SdkHttpMetadata} and {@code SdkResponseMetadata}, with the
   * headers DynamoDB sends: {@code Content-Length} and {@code x-amz-crc32} are those of the body.
   */
  private void addHttpMetadata(ObjectNode out, String action, AwsResponse response) {
    byte[] body = Json.write(out).getBytes(StandardCharsets.UTF_8);
    CRC32 crc = new CRC32();
    crc.update(body);
    String requestId = response.responseMetadata().requestId();
    ObjectNode headers = Json.object();
    headers.put("Connection", "keep-alive");
    headers.put("Content-Length", Integer.toString(body.length));
    headers.put("Content-Type", "application/x-amz-json-1.0");
    headers.put("Date", HTTP_DATE.format(clock.get()));
    headers.put("Server", "Server");
    headers.put("x-amz-crc32", Long.toString(crc.getValue()));
    // DynamoDB spells the request id header in lower case on GetItem responses only.
    headers.put(action.equals("getItem") ? "x-amzn-requestid" : "x-amzn-RequestId", requestId);
    ObjectNode http = out.putObject("SdkHttpMetadata");
    ObjectNode all = http.putObject("AllHttpHeaders");
    headers.properties().forEach(h -> all.putArray(h.getKey()).add(h.getValue()));
    http.set("HttpHeaders", headers);
    http.put("HttpStatusCode", response.sdkHttpResponse().statusCode());
    out.putObject("SdkResponseMetadata").put("RequestId", requestId);
  }

  /**
   * The optimized integration reports errors as the AWS SDK for Java 1.x names them
   * ({@code DynamoDB.ConditionalCheckFailedException}, or {@code DynamoDB.AmazonDynamoDBException}
   * for an error DynamoDB does not model), with that SDK's cause format; {@code aws-sdk:dynamodb:*}
   * as the SDK v2 names them ({@code DynamoDb.DynamoDbException} when unmodelled) with its message.
   */
  private static StatesError error(Throwable cause, boolean optimized) {
    if (cause instanceof DynamoDbException e) {
      AwsErrorDetails details = e.awsErrorDetails();
      String code = details != null && details.errorCode() != null ? details.errorCode() : e.getClass().getSimpleName();
      String message = details != null && details.errorMessage() != null ? details.errorMessage() : e.getMessage();
      return error(optimized, modelled(e, code), message, e.statusCode(), code, e.requestId());
    }
    String prefix = optimized ? "DynamoDB." : "DynamoDb.";
    if (cause instanceof AwsServiceException e) {
      return new StatesError(prefix + e.getClass().getSimpleName(), e.getMessage());
    }
    if (cause instanceof SdkClientException e) {
      return new StatesError(prefix + "SdkClientException", e.getMessage());
    }
    if (cause instanceof StatesError e) {
      return e;
    }
    return new StatesError(prefix + cause.getClass().getSimpleName(), String.valueOf(cause.getMessage()));
  }

  /**
   * The modelled exception an error is: its class, or for a plain DynamoDbException (as a client
   * interceptor builds one) the model class its error code names; null when DynamoDB models none
   * (ValidationException, AccessDeniedException).
   */
  private static String modelled(DynamoDbException e, String code) {
    if (e.getClass() != DynamoDbException.class) {
      return e.getClass().getSimpleName();
    }
    try {
      return DynamoDbException.class.isAssignableFrom(Class.forName(MODEL + code)) ? code : null;
    } catch (ClassNotFoundException notModelled) {
      return null;
    }
  }

  /** An error DynamoDB returned, named and worded for the integration; {@code modelled} is null for one the API does not model. */
  private static StatesError error(boolean optimized, String modelled, String message, int status, String code, String requestId) {
    if (optimized) {
      return new StatesError(
          "DynamoDB." + (modelled == null ? "AmazonDynamoDBException" : modelled),
          message + " (Service: AmazonDynamoDBv2; Status Code: " + status + "; Error Code: " + code + "; Request ID: " + requestId + "; Proxy: null)");
    }
    return new StatesError(
        "DynamoDb." + (modelled == null ? "DynamoDbException" : modelled),
        message + " (Service: DynamoDb, Status Code: " + status + ", Request ID: " + requestId + ")");
  }
}
