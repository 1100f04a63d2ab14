package dev.ferry.tasks.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;

/**
 * The process that owns a state folder's DynamoDB Local database file (see {@link SharedLocalDynamoDb}):
 * {@code LocalDynamoDbServer <folder> <linger>}. Exits 0 when another server already serves the
 * folder or once no process has used it for {@code linger} (an ISO-8601 duration), 1 when it
 * cannot serve.
 */
public final class LocalDynamoDbServer {

  private static final Duration CHECK = Duration.ofMillis(200);
  private static final Duration OWNERSHIP_WAIT = Duration.ofSeconds(30);

  private LocalDynamoDbServer() {}

  public static void main(String[] args) {
    int code;
    try {
      serve(Path.of(args[0]), Duration.parse(args[1]));
      code = 0;
    } catch (Exception e) {
      System.err.println(Instant.now() + " local DynamoDB server for " + (args.length > 0 ? args[0] : "?") + " failed: " + e);
      e.printStackTrace();
      code = 1;
    }
    // DynamoDB Local leaves non-daemon threads behind.
    System.exit(code);
  }

  private static void serve(Path dir, Duration linger) throws IOException, InterruptedException {
    try (FileChannel owner = FileChannel.open(dir.resolve(SharedLocalDynamoDb.OWNER_LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileChannel users = FileChannel.open(dir.resolve(SharedLocalDynamoDb.USERS_LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      FileLock ownership = ownership(owner, dir);
      if (ownership == null) {
        return;
      }
      LocalDynamoDb dynamoDb = LocalDynamoDb.start(dir.resolve(SharedLocalDynamoDb.DATA));
      Path endpoint = dir.resolve(SharedLocalDynamoDb.ENDPOINT);
      publish(endpoint, dynamoDb.endpoint().toString());
      System.err.println(Instant.now() + " serving " + dir.resolve(SharedLocalDynamoDb.DATA) + " at " + dynamoDb.endpoint());
      Instant idleSince = null;
      while (true) {
        FileLock nobody = users.tryLock();
        if (nobody == null) {
          idleSince = null;
        } else {
          Instant now = Instant.now();
          idleSince = idleSince == null ? now : idleSince;
          if (!now.isBefore(idleSince.plus(linger))) {
            // Still under the exclusive lock: a process arriving now waits, then finds no server and starts one.
            Files.deleteIfExists(endpoint);
            dynamoDb.close();
            ownership.release();
            nobody.release();
            System.err.println(now + " stopped: unused for " + linger);
            return;
          }
          nobody.release();
        }
        Thread.sleep(CHECK);
      }
    }
  }

  /** The owner lock, or null when another server holds it and answers. */
  private static FileLock ownership(FileChannel owner, Path dir) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(OWNERSHIP_WAIT);
    while (true) {
      FileLock lock = owner.tryLock();
      if (lock != null) {
        return lock;
      }
      if (SharedLocalDynamoDb.published(dir).isPresent()) {
        return null;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IOException("another process holds " + dir.resolve(SharedLocalDynamoDb.OWNER_LOCK)
            + " but publishes no endpoint; stop it (see " + dir.resolve(SharedLocalDynamoDb.LOG) + ")");
      }
      Thread.sleep(CHECK);
    }
  }

  private static void publish(Path file, String text) throws IOException {
    Path partial = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".partial");
    Files.writeString(partial, text);
    try {
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
