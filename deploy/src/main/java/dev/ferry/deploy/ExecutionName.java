package dev.ferry.deploy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic execution names: the same request always gets the same name, so asking twice
 * cannot start two runs. The readable part is migration, target and request id reduced to the
 * characters Step Functions allows; a hash of the exact request keeps names distinct when that
 * reduction or the 80-character limit would make two requests look alike.
 */
public final class ExecutionName {

  static final int MAX_LENGTH = 80;
  private static final int HASH_HEX = 10;

  private ExecutionName() {}

  /**
   * @param requestId the operator's id for this request (a ticket, a date); null to key the
   *     request by its input document instead
   */
  public static String of(String migration, InputDocument input, String requestId) {
    String key = requestId != null ? "id:" + requestId : "input:" + input.canonicalJson();
    String hash = sha256Hex(migration + "\n" + input.target() + "\n" + key).substring(0, HASH_HEX);
    String readable = sanitize(migration + "-" + input.target() + (requestId != null ? "-" + requestId : ""));
    int room = MAX_LENGTH - HASH_HEX - 1;
    if (readable.length() > room) {
      readable = readable.substring(0, room);
    }
    return readable + "-" + hash;
  }

  private static String sanitize(String text) {
    return text.replaceAll("[^A-Za-z0-9_-]", "-").replaceAll("-{2,}", "-");
  }

  static String sha256Hex(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }
}
