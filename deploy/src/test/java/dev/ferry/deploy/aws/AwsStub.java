package dev.ferry.deploy.aws;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;

/**
 * The AWS boundary for tests: the real SDK clients send real HTTP requests to a server on
 * 127.0.0.1; an interceptor records every typed request and substitutes the canned response the
 * test registered for that operation (status, headers, body in the service's wire protocol).
 */
public final class AwsStub implements ExecutionInterceptor, AutoCloseable {

  public static final String ACCOUNT = "123456789012";
  public static final String REGION = "eu-west-1";

  public record Reply(int status, Map<String, String> headers, String body) {
    public static Reply json(String body) {
      return new Reply(200, Map.of("Content-Type", "application/x-amz-json-1.0"), body);
    }

    public static Reply rest(String body) {
      return new Reply(200, Map.of("Content-Type", "application/json"), body);
    }

    public static Reply xml(String body) {
      return new Reply(200, Map.of("Content-Type", "text/xml"), body);
    }

    /** JSON 1.0 protocol error (Step Functions, DynamoDB). */
    public static Reply jsonError(String code) {
      return new Reply(400, Map.of("Content-Type", "application/x-amz-json-1.0"),
          "{\"__type\":\"" + code + "\",\"message\":\"" + code + " (stub)\"}");
    }

    /** REST-JSON protocol error (Lambda, Scheduler). */
    public static Reply restError(int status, String code) {
      return new Reply(status, Map.of("Content-Type", "application/json", "x-amzn-ErrorType", code),
          "{\"Message\":\"" + code + " (stub)\"}");
    }

    /** Query protocol error (IAM, STS). */
    public static Reply xmlError(int status, String code) {
      return new Reply(status, Map.of("Content-Type", "text/xml"),
          "<ErrorResponse><Error><Type>Sender</Type><Code>" + code + "</Code><Message>" + code
              + " (stub)</Message></Error><RequestId>stub</RequestId></ErrorResponse>");
    }
  }

  record Call(String operation, SdkRequest request) {}

  private static final ExecutionAttribute<Reply> REPLY = new ExecutionAttribute<>("ferry.stub.reply");

  private final HttpServer server;
  private final Map<String, Function<SdkRequest, Reply>> responders = new HashMap<>();
  private final List<Call> calls = new ArrayList<>();

  public AwsStub() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.start();
    on("GetCallerIdentity", r -> Reply.xml(
        "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult>"
            + "<Arn>arn:aws:iam::" + ACCOUNT + ":user/alice</Arn><UserId>AIDSTUB</UserId><Account>" + ACCOUNT
            + "</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata>"
            + "</GetCallerIdentityResponse>"));
  }

  public AwsStub on(String operation, Function<SdkRequest, Reply> responder) {
    responders.put(operation, responder);
    return this;
  }

  /** Answers with {@code first} once, then with {@code after} (a resource appearing). */
  public AwsStub onceThen(String operation, Reply first, Reply after) {
    int[] count = {0};
    return on(operation, r -> count[0]++ == 0 ? first : after);
  }

  public AwsSettings settings() {
    return new AwsSettings(
        Optional.of(Region.of(REGION)),
        Optional.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort())),
        Optional.of(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSTUB", "stub-secret"))),
        List.of(this));
  }

  synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  public synchronized List<String> operations() {
    return calls.stream().map(Call::operation).toList();
  }

  public synchronized <T extends SdkRequest> List<T> requests(Class<T> type) {
    return calls.stream().map(Call::request).filter(type::isInstance).map(type::cast).toList();
  }

  public <T extends SdkRequest> T only(Class<T> type) {
    List<T> found = requests(type);
    if (found.size() != 1) {
      throw new AssertionError("expected one " + type.getSimpleName() + " but saw " + found.size() + " in " + operations());
    }
    return found.get(0);
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    Function<SdkRequest, Reply> responder;
    synchronized (this) {
      calls.add(new Call(operation, context.request()));
      responder = responders.get(operation);
    }
    if (responder == null) {
      throw new IllegalStateException("the stub has no response for " + operation);
    }
    attributes.putAttribute(REPLY, responder.apply(context.request()));
  }

  @Override
  public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
    Reply reply = attributes.getAttribute(REPLY);
    SdkHttpResponse.Builder response = context.httpResponse().toBuilder().statusCode(reply.status()).clearHeaders();
    reply.headers().forEach(response::putHeader);
    response.putHeader("x-amzn-RequestId", "stub");
    return response.build();
  }

  @Override
  public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
    return Optional.of(new ByteArrayInputStream(attributes.getAttribute(REPLY).body().getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
