package dev.ferry.tasks.aws;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;

/**
 * The AWS boundary for adapter tests: an HTTP server on 127.0.0.1 that plays a service, and an
 * interceptor recording the typed requests the real SDK client sent to it.
 */
final class AwsStub implements AutoCloseable {

  record Request(String method, String path, Map<String, String> headers, String body) {
    /** The form fields of a query-protocol request (RDS). */
    Map<String, String> form() {
      Map<String, String> fields = new LinkedHashMap<>();
      for (String pair : body.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
      return fields;
    }
  }

  record Reply(int status, String contentType, String body) {}

  private final HttpServer server;
  private final List<SdkRequest> sent = new CopyOnWriteArrayList<>();

  AwsStub(Function<Request, Reply> service) {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", exchange -> {
      Map<String, String> headers = new LinkedHashMap<>();
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Reply reply = service.apply(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers, body));
      byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", reply.contentType());
      exchange.getResponseHeaders().add("x-amzn-RequestId", "stub");
      exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        exchange.getResponseBody().write(bytes);
      }
      exchange.close();
    });
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Points a real SDK client builder at the stub, with retries off so each call is one request. */
  <B extends AwsClientBuilder<B, C>, C> C client(B builder) {
    return builder.endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD).retryStrategy(s -> s.maxAttempts(1))
            .addExecutionInterceptor(new ExecutionInterceptor() {
              @Override
              public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                sent.add(context.request());
              }
            }))
        .build();
  }

  /** The typed requests sent so far, of one type. */
  <T extends SdkRequest> List<T> sent(Class<T> type) {
    List<T> out = new ArrayList<>();
    for (SdkRequest r : sent) {
      if (type.isInstance(r)) {
        out.add(type.cast(r));
      }
    }
    return out;
  }

  List<SdkRequest> sent() {
    return List.copyOf(sent);
  }

  void clear() {
    sent.clear();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
