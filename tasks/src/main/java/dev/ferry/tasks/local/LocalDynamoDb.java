package dev.ferry.tasks.local;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local ({@code com.amazonaws:DynamoDBLocal} 2.x) running in this JVM, in memory, with a
 * real {@link DynamoDbClient} pointed at it over HTTP on the loopback address.
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
    this.client = DynamoDbClient.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .build();
  }

  public static LocalDynamoDb start() {
    int port = freePort();
    try {
      DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
          new String[] {"-inMemory", "-disableTelemetry", "-port", Integer.toString(port)});
      server.start();
      return new LocalDynamoDb(server, port);
    } catch (Exception e) {
      throw new IllegalStateException("Could not start DynamoDB Local on port " + port + ": " + e.getMessage(), e);
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
