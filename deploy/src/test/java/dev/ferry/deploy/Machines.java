package dev.ferry.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test machines from src/test/resources/machines. */
public final class Machines {
  private Machines() {}

  public static String text(String file) {
    try (InputStream in = Machines.class.getResourceAsStream("/machines/" + file)) {
      if (in == null) {
        throw new IllegalArgumentException("no test machine " + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The sample compiled machine: snapshot, parallel pause/baseline, migrate, map of checks, approval. */
  public static CompiledMachine schemaUpgrade() {
    return CompiledMachine.parse("postgres-schema-upgrade", text("postgres-schema-upgrade.asl.json"));
  }
}
