package dev.ferry.tasks.local;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local ({@code com.amazonaws:DynamoDBLocal} 2.x) running in this JVM, in memory or on a
 * database file that outlives the process, with a real {@link DynamoDbClient} pointed at it over
 * HTTP on the loopback address.
 *
 * <p>DynamoDB Local 2.x carries its SQLite native library (sqlite4java) inside its own jar, under
 * {@code com/amazonaws/services/dynamodbv2/local/shared/access/sqlite/native/<os>/<arch>/}, and its
 * storage layer extracts the one for this platform to a temporary file and loads it on first use. A
 * plain classpath is therefore enough: no {@code sqlite4java.library.path}, nothing copied by hand.
 * Telemetry is switched off so nothing leaves the machine. DynamoDB Local has no option to choose the
 * listening address; the client talks to it on 127.0.0.1.
 */
public final class LocalDynamoDb implements AutoCloseable {

  private final DynamoDBProxyServer server;
  private final int port;
  private final DynamoDbClient client;

  private LocalDynamoDb(DynamoDBProxyServer server, int port) {
    this.server = server;
    this.port = port;
    this.client = client(endpoint());
  }

  /** In memory: everything is gone when it closes. */
  public static LocalDynamoDb start() {
    return start(new String[] {"-inMemory"});
  }

  /**
   * On one database file in {@code directory} (created if missing), shared by every client whatever
   * its credentials and region, so the tables and items are there again the next time it starts.
   */
  public static LocalDynamoDb start(Path directory) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create the DynamoDB Local folder " + directory, e);
    }
    return start(new String[] {"-dbPath", directory.toAbsolutePath().toString(), "-sharedDb"});
  }

  private static LocalDynamoDb start(String[] storage) {
    int port = freePort();
    try {
      String[] args = new String[storage.length + 3];
      System.arraycopy(storage, 0, args, 0, storage.length);
      System.arraycopy(new String[] {"-disableTelemetry", "-port", Integer.toString(port)}, 0, args, storage.length, 3);
      DynamoDBProxyServer server = quietly(() -> ServerRunner.createServerFromCommandLineArgs(args));
      server.start();
      return new LocalDynamoDb(server, port);
    } catch (Exception e) {
      throw new IllegalStateException("Could not start DynamoDB Local on port " + port + ": " + e.getMessage(), e);
    }
  }

  private interface Starting<T> {
    T call() throws Exception;
  }

  /** Runs {@code start} with standard output discarded: DynamoDB Local prints its configuration there, into Ferry's own output. */
  private static <T> T quietly(Starting<T> start) throws Exception {
    PrintStream out = System.out;
    System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    try {
      return start.call();
    } finally {
      System.setOut(out);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free loopback port for DynamoDB Local", e);
    }
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public DynamoDbClient client() {
    return client;
  }

  /** Another client of this server, e.g. one whose interceptors inject faults; the caller closes it. */
  public DynamoDbClient newClient(ExecutionInterceptor... interceptors) {
    return client(endpoint(), interceptors);
  }

  /** A client of the DynamoDB Local listening at {@code endpoint}, with the fixed local credentials. */
  public static DynamoDbClient client(URI endpoint, ExecutionInterceptor... interceptors) {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .overrideConfiguration(o -> List.of(interceptors).forEach(o::addExecutionInterceptor))
        .build();
  }

  @Override
  public void close() {
    client.close();
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Could not stop DynamoDB Local: " + e.getMessage(), e);
    }
  }
}
