package dev.ferry.testing.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;

/**
 * A moto server ({@code python3 -m moto.server}) on a free loopback port: an independent emulator
 * of the AWS APIs Ferry calls. Stopped by its process id on {@link #close()}.
 */
public final class MotoServer implements AutoCloseable {

  /** The account moto answers for. */
  public static final String ACCOUNT = "123456789012";
  public static final Region REGION = Region.US_EAST_1;

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final URI endpoint;
  private final Path log;

  private MotoServer(Process process, URI endpoint, Path log) {
    this.process = process;
    this.endpoint = endpoint;
    this.log = log;
  }

  /** Why moto cannot run here (no python3, or no moto module), or empty when it can. */
  public static Optional<String> unavailable() {
    try {
      Process probe = new ProcessBuilder("python3", "-c", "import moto.server")
          .redirectErrorStream(true).start();
      if (!probe.waitFor(60, TimeUnit.SECONDS)) {
        probe.destroyForcibly();
        return Optional.of("python3 -c 'import moto.server' did not finish within 60 s");
      }
      if (probe.exitValue() != 0) {
        String output = new String(probe.getInputStream().readAllBytes()).strip();
        return Optional.of("moto is not installed for python3 (pip install 'moto[server]'): " + lastLine(output));
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("python3 is not on PATH: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while probing for moto");
    }
  }

  /** Starts a server and waits until it answers. */
  public static MotoServer start() {
    try {
      Path log = Files.createTempFile("ferry-moto-", ".log");
      int port = freePort();
      Process process = new ProcessBuilder("python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", Integer.toString(port))
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      MotoServer server = new MotoServer(process, URI.create("http://127.0.0.1:" + port), log);
      // A test JVM that exits without closing the server (a crash, a timeout) still stops it.
      Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroy)));
      server.awaitReady();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start moto", e);
    }
  }

  private void awaitReady() {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("moto exited with " + process.exitValue() + " before answering: " + logText());
      }
      try {
        HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/"))
            .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // Still starting.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        close();
        throw new IllegalStateException("interrupted while waiting for moto", e);
      }
      sleep(100);
    }
    close();
    throw new IllegalStateException("moto did not answer on " + endpoint + " within " + START_TIMEOUT.toSeconds() + " s: " + logText());
  }

  public URI endpoint() {
    return endpoint;
  }

  public long pid() {
    return process.pid();
  }

  public AwsCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
  }

  /** Forgets every resource, so the next test starts with an empty account. */
  public void reset() {
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset"))
          .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("moto refused the reset: " + response.statusCode() + " " + response.body());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reset moto at " + endpoint, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while resetting moto", e);
    }
  }

  /** A real SDK client of any service, pointed at this server. */
  public <B extends AwsClientBuilder<B, C>, C> C client(B builder, ExecutionInterceptor... interceptors) {
    return builder.endpointOverride(endpoint)
        .region(REGION)
        .credentialsProvider(credentials())
        .overrideConfiguration(o -> List.of(interceptors).forEach(o::addExecutionInterceptor))
        .build();
  }

  /** Stops the server by its process id, forcibly when it does not stop within five seconds. */
  @Override
  public void close() {
    ProcessHandle.of(process.pid()).ifPresent(handle -> {
      handle.destroy();
      try {
        handle.onExit().get(5, TimeUnit.SECONDS);
      } catch (Exception stillRunning) {
        handle.destroyForcibly();
      }
    });
    try {
      Files.deleteIfExists(log);
    } catch (IOException ignored) {
      // A temporary file; the OS cleans it up.
    }
  }

  private String logText() {
    try {
      return lastLine(Files.readString(log).strip());
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static String lastLine(String text) {
    String[] lines = text.split("\n");
    return lines[lines.length - 1];
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
