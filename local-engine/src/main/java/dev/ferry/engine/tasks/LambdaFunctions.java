package dev.ferry.engine.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.engine.ErrorNamed;
import dev.ferry.engine.FunctionError;
import dev.ferry.engine.LambdaHandler;
import dev.ferry.engine.StatesError;
import dev.ferry.engine.data.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * In-process Lambda functions by name or ARN, answering as the Lambda service and runtime would:
 * {@code lambda:invoke} results carry {@code Payload}, {@code StatusCode} and the HTTP metadata AWS
 * returns; a function's error becomes error = its errorType, cause = its error payload (verbatim
 * for a function called by ARN, compact for {@code lambda:invoke}).
 */
public final class LambdaFunctions {
  /** The account and region of the engine's ARNs, as in the execution's own ARN. */
  public static final String ACCOUNT = "123456789012";
  public static final String REGION = "us-east-1";
  private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  private final Map<String, LambdaHandler> handlers;
  private final Supplier<Instant> clock;

  public LambdaFunctions(Map<String, LambdaHandler> handlers) {
    this(handlers, Instant::now);
  }

  public LambdaFunctions(Map<String, LambdaHandler> handlers, Supplier<Instant> clock) {
    this.handlers = Map.copyOf(handlers);
    this.clock = clock;
  }

  /** Plain {@code arn:aws:lambda:...:function:NAME}: the result is the function's own output. */
  public JsonNode invokeDirect(String functionArn, JsonNode payload) {
    LambdaHandler handler = handler(functionArn);
    try {
      return call(handler, payload);
    } catch (FunctionError e) {
      throw new StatesError(e.errorName(), e.payload());
    }
  }

  /** {@code arn:aws:states:::lambda:invoke}: parameters {@code FunctionName}, {@code Payload}; result as the Invoke API returns it. */
  public JsonNode invoke(JsonNode parameters) {
    JsonNode name = parameters.get("FunctionName");
    if (name == null || !name.isTextual()) {
      throw new StatesError("States.Runtime", "The lambda:invoke parameters need a FunctionName string, got " + Json.write(parameters));
    }
    LambdaHandler handler = handler(name.asText());
    JsonNode result;
    try {
      result = call(handler, payload(parameters.get("Payload")));
    } catch (FunctionError e) {
      throw new StatesError(e.errorName(), compact(e.payload()));
    }
    String body = handler.responseBody(result);
    return invokeResult(result, body.getBytes(StandardCharsets.UTF_8).length, "Tail".equals(parameters.path("LogType").asText()), clock.get());
  }

  /**
   * What the function receives: a missing or null Payload is {@code {}}; a string is the request body
   * itself, so it must be JSON text; anything else is sent as JSON.
   */
  private static JsonNode payload(JsonNode payload) {
    if (payload == null || payload.isNull()) {
      return Json.object();
    }
    if (!payload.isTextual()) {
      return payload;
    }
    try {
      return Json.parse(payload.asText());
    } catch (IllegalArgumentException e) {
      throw new StatesError(
          "Lambda.InvalidRequestContentException",
          "Could not parse request body into json: Could not parse payload into json: " + e.getMessage()
              + " (Service: AWSLambda; Status Code: 400; Error Code: InvalidRequestContentException; Request ID: " + UUID.randomUUID() + "; Proxy: null)");
    }
  }

  private static String compact(String payload) {
    try {
      return Json.write(Json.parse(payload));
    } catch (IllegalArgumentException notJson) {
      return payload;
    }
  }

  /** The Invoke API response around a function's result, for a body of {@code contentLength} bytes. */
  private static ObjectNode invokeResult(JsonNode result, int contentLength, boolean tail, Instant now) {
    String requestId = UUID.randomUUID().toString();
    ObjectNode out = Json.object();
    out.put("ExecutedVersion", "$LATEST");
    String log = null;
    if (tail) {
      log = Base64.getEncoder().encodeToString(
          ("START RequestId: " + requestId + " Version: $LATEST\nEND RequestId: " + requestId + "\nREPORT RequestId: " + requestId + "\tDuration: 1.00 ms\n").getBytes(StandardCharsets.UTF_8));
      out.put("LogResult", log);
    }
    out.set("Payload", result == null ? Json.NODES.nullNode() : result);
    ObjectNode http = out.putObject("SdkHttpMetadata");
    ObjectNode headers = Json.object();
    headers.put("Connection", "keep-alive");
    headers.put("Content-Length", Integer.toString(contentLength));
    headers.put("Content-Type", "application/json");
    headers.put("Date", HTTP_DATE.format(now));
    headers.put("X-Amz-Executed-Version", "$LATEST");
    if (log != null) {
      headers.put("X-Amz-Log-Result", log);
    }
    headers.put("x-amzn-Remapped-Content-Length", "0");
    headers.put("x-amzn-RequestId", requestId);
    headers.put("X-Amzn-Trace-Id", traceId(now));
    ObjectNode all = http.putObject("AllHttpHeaders");
    headers.properties().forEach(h -> all.putArray(h.getKey()).add(h.getValue()));
    http.set("HttpHeaders", headers);
    http.put("HttpStatusCode", 200);
    out.putObject("SdkResponseMetadata").put("RequestId", requestId);
    out.put("StatusCode", 200);
    return out;
  }

  /** An X-Ray trace header: {@code Root=1-<epoch seconds, hex>-<96 random bits>;Sampled=0}. */
  private static String traceId(Instant now) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return String.format("Root=1-%08x-%08x%016x;Sampled=0", now.getEpochSecond(), random.nextInt(), random.nextLong());
  }

  private LambdaHandler handler(String functionRef) {
    LambdaHandler handler = find(functionRef);
    if (handler == null) {
      throw new StatesError(
          "Lambda.ResourceNotFoundException",
          "Function not found: " + qualifiedArn(functionRef) + " (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: " + UUID.randomUUID() + "; Proxy: null)");
    }
    return handler;
  }

  private static JsonNode call(LambdaHandler handler, JsonNode payload) {
    try {
      return handler.handle(payload);
    } catch (StatesError | FunctionError e) {
      throw e;
    } catch (Exception e) {
      throw failure(e);
    }
  }

  /** The ARN Lambda names in its errors: {@code arn:aws:lambda:REGION:ACCOUNT:function:NAME:$LATEST} unless qualified. */
  static String qualifiedArn(String ref) {
    String[] parts = ref.split(":");
    boolean arn = parts.length >= 7 && parts[0].equals("arn");
    String region = arn ? parts[3] : REGION;
    String account = arn ? parts[4] : ACCOUNT;
    String qualifier = arn && parts.length > 7 ? parts[7] : "$LATEST";
    return "arn:aws:lambda:" + region + ":" + account + ":function:" + functionName(ref) + ":" + qualifier;
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
