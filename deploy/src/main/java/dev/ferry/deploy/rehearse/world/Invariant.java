package dev.ferry.deploy.rehearse.world;

import java.util.Map;
import java.util.Objects;

/** A world's own check after every run, besides the universal ones. */
public sealed interface Invariant {

  /** The check's name in the rehearsal's rows. */
  String name();

  /**
   * A state the run must leave either as it was before (the run rolled back: {@code ROLLED_BACK})
   * or as the fault-free run left it (the run succeeded); any other end may leave either, but
   * nothing in between. The state is read as named parts, so a difference names the part.
   */
  record RestoredOrMigrated(String name, StateReader reader) implements Invariant {
    public RestoredOrMigrated {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(reader, "reader");
    }
  }

  /** Any other property of a run's end. */
  record Check(String name, RunCheck check) implements Invariant {
    public Check {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(check, "check");
    }
  }

  /** Reads a state as parts by name (a table's rows and checksum, a service's version). */
  @FunctionalInterface
  interface StateReader {
    Map<String, String> read(RunContext run) throws Exception;
  }

  @FunctionalInterface
  interface RunCheck {
    Verdict check(RunOutcome run) throws Exception;
  }

  static Invariant restoredOrMigrated(String name, StateReader reader) {
    return new RestoredOrMigrated(name, reader);
  }

  /** World database {@code name} is as before or as the fault-free run left it: {@link RunContext#fingerprint}. */
  static Invariant database(String name) {
    return new RestoredOrMigrated("database " + name, run -> run.fingerprint(name));
  }

  static Invariant check(String name, RunCheck check) {
    return new Check(name, check);
  }
}
