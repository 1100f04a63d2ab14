package dev.ferry.engine.tasks;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local running in this JVM, in memory, on a free loopback port. DynamoDBLocal 2.x ships
 * its sqlite4java native libraries inside its jar and extracts them itself, so no
 * {@code sqlite4java.library.path} is needed.
 */
public final class DynamoDbLocal implements AutoCloseable {
  private final DynamoDBProxyServer server;
  private final DynamoDbClient client;

  private DynamoDbLocal(DynamoDBProxyServer server, DynamoDbClient client) {
    this.server = server;
    this.client = client;
  }

  public static DynamoDbLocal start() throws Exception {
    int port = freePort();
    DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(new String[] {"-inMemory", "-disableTelemetry", "-port", String.valueOf(port)});
    server.start();
    DynamoDbClient client =
        DynamoDbClient.builder()
            .endpointOverride(URI.create("http://127.0.0.1:" + port))
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    return new DynamoDbLocal(server, client);
  }

  public DynamoDbClient client() {
    return client;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws Exception {
    client.close();
    server.stop();
  }
}
