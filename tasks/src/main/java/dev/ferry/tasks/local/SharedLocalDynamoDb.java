package dev.ferry.tasks.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one DynamoDB Local serving a state folder's database file, however many processes use it.
 *
 * <p>SQLite, under DynamoDB Local, does not take two servers on one file: each keeps its own
 * connections and write transactions of one are lost to the other with {@code SQLiteBusyException}
 * although the client was told they succeeded. So only one process ever opens the file: a small
 * server process ({@link LocalDynamoDbServer}) that owns it, started by the first user, serving on
 * a loopback port it publishes in {@code dynamodb.endpoint}. Every user (every {@code ferry ... --local}
 * process) holds a shared lock on {@code dynamodb.users.lock} while it works; the server stops once
 * nobody has held it for a short while, and does so under the exclusive lock, so a process arriving
 * then waits, finds no server and starts the next one. Ownership of the file is the exclusive lock
 * on {@code dynamodb.owner.lock}, which the operating system releases when a server dies, however
 * it dies.
 *
 * <p>Within one JVM the folder's shared lock is taken once and counted, since file locks belong to
 * the process.
 */
public final class SharedLocalDynamoDb implements AutoCloseable {

  static final String DATA = "dynamodb";
  static final String ENDPOINT = "dynamodb.endpoint";
  static final String OWNER_LOCK = "dynamodb.owner.lock";
  static final String USERS_LOCK = "dynamodb.users.lock";
  static final String LOG = "dynamodb.log";

  /** How long the server waits with no user before it stops; a system property so tests can shorten it. */
  static final String LINGER_PROPERTY = "ferry.local.dynamodb.linger";
  private static final Duration DEFAULT_LINGER = Duration.ofSeconds(5);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private static final Map<Path, Use> USES = new HashMap<>();

  private final Path folder;
  private final URI endpoint;
  private boolean closed;

  private SharedLocalDynamoDb(Path folder, URI endpoint) {
    this.folder = folder;
    this.endpoint = endpoint;
  }

  /** This process's use of a folder: the shared lock, taken once, and how many handles hold it. */
  private static final class Use {
    final FileChannel channel;
    final FileLock lock;
    URI endpoint;
    int count;

    Use(FileChannel channel, FileLock lock) {
      this.channel = channel;
      this.lock = lock;
    }
  }

  /**
   * Attaches to the server of {@code folder}'s database, starting it when none runs; waits while a
   * previous server finishes stopping.
   */
  public static SharedLocalDynamoDb open(Path folder) {
    Path dir = folder.toAbsolutePath().normalize();
    synchronized (USES) {
      Use use = USES.get(dir);
      if (use == null) {
        use = attach(dir);
        USES.put(dir, use);
      } else if (answers(use.endpoint).isEmpty()) {
        use.endpoint = serve(dir);
      }
      use.count++;
      return new SharedLocalDynamoDb(dir, use.endpoint);
    }
  }

  public URI endpoint() {
    return endpoint;
  }

  @Override
  public void close() {
    synchronized (USES) {
      if (closed) {
        return;
      }
      closed = true;
      Use use = USES.get(folder);
      if (--use.count == 0) {
        USES.remove(folder);
        try {
          use.lock.release();
          use.channel.close();
        } catch (IOException e) {
          // the lock goes with the channel, and with the process at the latest
        }
      }
    }
  }

  private static Use attach(Path dir) {
    FileChannel channel = null;
    try {
      Files.createDirectories(dir);
      channel = FileChannel.open(dir.resolve(USERS_LOCK), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      Use use = new Use(channel, channel.lock(0, Long.MAX_VALUE, true));
      try {
        use.endpoint = serve(dir);
      } catch (RuntimeException e) {
        use.lock.release();
        throw e;
      }
      return use;
    } catch (IOException e) {
      close(channel);
      throw new UncheckedIOException("Could not lock " + dir.resolve(USERS_LOCK) + " to use the local DynamoDB: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      close(channel);
      throw e;
    }
  }

  /** The live server's endpoint, once it publishes one; starts a server while none runs. */
  private static URI serve(Path dir) {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    Process server = null;
    while (true) {
      Optional<URI> live = published(dir);
      if (live.isPresent()) {
        return live.get();
      }
      if (server == null || !server.isAlive()) {
        if (server != null && server.exitValue() != 0) {
          throw new IllegalStateException("The local DynamoDB server for " + dir + " exited with code " + server.exitValue()
              + "; its log is " + dir.resolve(LOG));
        }
        server = spawn(dir);
      }
      if (Instant.now().isAfter(deadline)) {
        server.destroy();
        throw new IllegalStateException("The local DynamoDB server for " + dir + " did not publish its endpoint within "
            + START_TIMEOUT.toSeconds() + " s; its log is " + dir.resolve(LOG));
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for the local DynamoDB server of " + dir, e);
      }
    }
  }

  private static Process spawn(Path dir) {
    List<String> command = new ArrayList<>();
    // Its own session, so a Ctrl-C meant for the process that started it does not stop a server others use.
    Path setsid = Path.of("/usr/bin/setsid");
    if (Files.isExecutable(setsid)) {
      command.add(setsid.toString());
    }
    command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseSerialGC", "-Xmx384m", "--enable-native-access=ALL-UNNAMED",
        "-cp", classPath(), LocalDynamoDbServer.class.getName(), dir.toString(), linger().toString()));
    try {
      return new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(LOG).toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the local DynamoDB server for " + dir + ": " + e.getMessage(), e);
    }
  }

  private static Duration linger() {
    String value = System.getProperty(LINGER_PROPERTY);
    return value == null ? DEFAULT_LINGER : Duration.parse(value);
  }

  /**
   * This JVM's class path and the URLs of the class loaders that loaded this class, so the server
   * finds DynamoDB Local also when Ferry runs inside a host such as Maven.
   */
  private static String classPath() {
    Set<String> entries = new LinkedHashSet<>(List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
    for (ClassLoader loader = SharedLocalDynamoDb.class.getClassLoader(); loader != null; loader = loader.getParent()) {
      if (loader instanceof URLClassLoader urls) {
        for (URL url : urls.getURLs()) {
          try {
            entries.add(Path.of(url.toURI()).toString());
          } catch (URISyntaxException | IllegalArgumentException e) {
            // not a file: nothing a child JVM could load
          }
        }
      }
    }
    entries.remove("");
    return String.join(File.pathSeparator, entries);
  }

  /** The endpoint in the folder's endpoint file, if a server answers there. */
  static Optional<URI> published(Path dir) {
    Path file = dir.resolve(ENDPOINT);
    try {
      return Files.exists(file) ? answers(URI.create(Files.readString(file).trim())) : Optional.empty();
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Optional<URI> answers(URI endpoint) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 500);
      return Optional.of(endpoint);
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static void close(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // nothing held yet
      }
    }
  }
}
