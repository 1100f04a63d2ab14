package dev.ferry.deploy;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local in this JVM, in memory, on a free port of 127.0.0.1, reached over HTTP by the
 * real SDK client.
 *
 * <p>DynamoDB Local 2.x loads sqlite4java's native library itself: from its jar, else from the
 * {@code org.sqlite.lib.path}/{@code org.sqlite.lib.name} system properties, else from
 * {@code java.library.path}. In a Maven build the library is the dependency artifact
 * {@code libsqlite4java-<os>-<arch>-<version>.so} (type {@code so}), which is never on a
 * classpath: the build copies these artifacts to the folder named by
 * {@value #NATIVES_PROPERTY}, and this fixture points the loader's properties at the one for
 * this platform.
 */
public final class DynamoDbLocal implements AutoCloseable {

  static final String NATIVES_PROPERTY = "ferry.sqlite4java.natives";

  private final DynamoDBProxyServer server;
  private final int port;

  private DynamoDbLocal(DynamoDBProxyServer server, int port) {
    this.server = server;
    this.port = port;
  }

  public static DynamoDbLocal start() throws Exception {
    useNativeLibrary();
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
        new String[] {"-inMemory", "-port", Integer.toString(port), "-disableTelemetry"});
    server.start();
    return new DynamoDbLocal(server, port);
  }

  static void useNativeLibrary() throws IOException {
    String prefix = switch (System.getProperty("os.name").toLowerCase(Locale.ROOT)) {
      case String os when os.contains("linux") ->
          "libsqlite4java-linux-" + (System.getProperty("os.arch").equals("aarch64") ? "aarch64" : "amd64");
      case String os when os.contains("mac") -> "libsqlite4java-osx";
      default -> "sqlite4java-win32-x64";
    };
    String folder = System.getProperty(NATIVES_PROPERTY);
    if (folder == null) {
      throw new IOException(NATIVES_PROPERTY + " is not set: run the tests through Maven (./build), which copies the"
          + " sqlite4java native libraries and sets it");
    }
    File[] matches = new File(folder).listFiles((dir, name) -> name.startsWith(prefix));
    if (matches == null || matches.length == 0) {
      throw new IOException("no " + prefix + "* in " + folder + "; DynamoDBLocal's sqlite4java dependencies are missing");
    }
    System.setProperty("org.sqlite.lib.path", matches[0].getParent());
    System.setProperty("org.sqlite.lib.name", matches[0].getName());
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public DynamoDbClient client(ExecutionInterceptor... interceptors) {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .overrideConfiguration(o -> Arrays.stream(interceptors).forEach(o::addExecutionInterceptor))
        .build();
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("DynamoDB Local did not stop", e);
    }
  }
}
