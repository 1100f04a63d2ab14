package dev.ferry.engine.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.engine.ErrorNamed;
import dev.ferry.engine.LambdaHandler;
import dev.ferry.engine.StatesError;
import dev.ferry.engine.data.Json;
import java.util.Map;
import java.util.UUID;

/**
 * In-process Lambda functions by name or ARN, answering as the Lambda service and runtime would:
 * {@code lambda:invoke} results carry {@code Payload} and {@code StatusCode}; a handler exception
 * becomes error = its errorType, cause = the runtime's {@code {"errorMessage","errorType","stackTrace"}}.
 */
public final class LambdaFunctions {
  private final Map<String, LambdaHandler> handlers;

  public LambdaFunctions(Map<String, LambdaHandler> handlers) {
    this.handlers = Map.copyOf(handlers);
  }

  /** Plain {@code arn:aws:lambda:...:function:NAME}: the result is the function's own output. */
  public JsonNode invokeDirect(String functionArn, JsonNode payload) {
    return call(functionArn, payload);
  }

  /** {@code arn:aws:states:::lambda:invoke}: parameters {@code FunctionName}, {@code Payload}; result as the Invoke API returns it. */
  public JsonNode invoke(JsonNode parameters) {
    JsonNode name = parameters.get("FunctionName");
    if (name == null || !name.isTextual()) {
      throw new StatesError("States.Runtime", "The lambda:invoke parameters need a FunctionName string, got " + Json.write(parameters));
    }
    JsonNode payload = parameters.has("Payload") ? parameters.get("Payload") : Json.object();
    JsonNode result = call(name.asText(), payload);
    return invokeResult(result);
  }

  /** The Invoke API response around a function's result. */
  public static ObjectNode invokeResult(JsonNode result) {
    String requestId = UUID.randomUUID().toString();
    ObjectNode out = Json.object();
    out.put("ExecutedVersion", "$LATEST");
    out.set("Payload", result == null ? Json.NODES.nullNode() : result);
    ObjectNode http = out.putObject("SdkHttpMetadata");
    ObjectNode headers = Json.object();
    headers.put("Connection", "keep-alive");
    headers.put("Content-Type", "application/json");
    headers.put("X-Amz-Executed-Version", "$LATEST");
    headers.put("x-amzn-Remapped-Content-Length", "0");
    headers.put("x-amzn-RequestId", requestId);
    ObjectNode all = http.putObject("AllHttpHeaders");
    headers.fields().forEachRemaining(h -> all.putArray(h.getKey()).add(h.getValue()));
    http.set("HttpHeaders", headers);
    http.put("HttpStatusCode", 200);
    out.putObject("SdkResponseMetadata").put("RequestId", requestId);
    out.put("StatusCode", 200);
    return out;
  }

  private JsonNode call(String functionRef, JsonNode payload) {
    LambdaHandler handler = find(functionRef);
    if (handler == null) {
      throw new StatesError(
          "Lambda.ResourceNotFoundException",
          "Function not found: " + functionRef + " (Service: Lambda, Status Code: 404, Request ID: " + UUID.randomUUID() + "). Register a handler for it (LocalEngine.Builder.lambda) or mock the state in a MockConfigFile.");
    }
    try {
      return handler.handle(payload);
    } catch (StatesError e) {
      throw e;
    } catch (Exception e) {
      throw failure(e);
    }
  }

  private LambdaHandler find(String ref) {
    LambdaHandler exact = handlers.get(ref);
    if (exact != null) {
      return exact;
    }
    String name = functionName(ref);
    LambdaHandler byName = handlers.get(name);
    if (byName != null) {
      return byName;
    }
    for (Map.Entry<String, LambdaHandler> e : handlers.entrySet()) {
      if (functionName(e.getKey()).equals(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  /** NAME from NAME, NAME:qualifier, ACCOUNT:function:NAME[:q] or arn:aws:lambda:REGION:ACCOUNT:function:NAME[:q]. */
  static String functionName(String ref) {
    String[] parts = ref.split(":");
    for (int i = 0; i < parts.length - 1; i++) {
      if (parts[i].equals("function")) {
        return parts[i + 1];
      }
    }
    return parts[0];
  }

  /**
   * The error the Lambda runtime reports for an exception thrown by a handler: the Java runtime's
   * {@code errorType} is the exception's fully qualified class name ({@code Ferry.UpgradeFailed},
   * {@code java.lang.IllegalStateException}).
   */
  public static StatesError failure(Throwable e) {
    String type = e instanceof ErrorNamed named ? named.errorName() : e.getClass().getName();
    ObjectNode cause = Json.object();
    cause.put("errorMessage", e.getMessage());
    cause.put("errorType", type);
    ArrayNode trace = cause.putArray("stackTrace");
    for (StackTraceElement element : e.getStackTrace()) {
      trace.add(element.toString());
    }
    return new StatesError(type, Json.write(cause));
  }
}
