package dev.ferry.tasks.snapshot;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic names derived from the execution, so a retried or redriven call finds what an earlier
 * call created instead of creating it again. Every name is at most 63 characters of lowercase letters,
 * digits and single hyphens, starting with a letter: valid as an RDS identifier and as a PostgreSQL
 * database name.
 */
public final class Identifiers {

  private Identifiers() {}

  /** The snapshot of {@code database} taken by {@code executionName}. */
  public static String snapshotId(String database, String executionName) {
    return "ferry-" + join(clean(database, 24), clean(executionName, 20), hash(database + "/" + executionName));
  }

  /** Where the original database is renamed aside while a restore puts the snapshot in its place. */
  public static String asideName(String database, String executionName) {
    return join(start(clean(database, 40)), "old", hash(database + "/" + executionName));
  }

  /** The database the snapshot is restored into before it is renamed into place. */
  public static String restoredName(String database, String executionName) {
    return join(start(clean(database, 40)), "new", hash(database + "/" + executionName));
  }

  private static String start(String name) {
    return !name.isEmpty() && Character.isLetter(name.charAt(0)) ? name : "db-" + name;
  }

  private static String join(String... parts) {
    StringBuilder out = new StringBuilder();
    for (String part : parts) {
      if (!part.isEmpty()) {
        out.append(out.isEmpty() ? "" : "-").append(part);
      }
    }
    return out.toString().replaceAll("-{2,}", "-");
  }

  private static String clean(String value, int max) {
    String cleaned = value.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (cleaned.length() > max) {
      cleaned = cleaned.substring(0, max).replaceAll("-+$", "");
    }
    return cleaned;
  }

  private static String hash(String value) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
