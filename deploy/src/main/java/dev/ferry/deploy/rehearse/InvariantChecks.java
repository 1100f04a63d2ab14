package dev.ferry.deploy.rehearse;

import dev.ferry.contract.Status;
import dev.ferry.deploy.rehearse.world.Invariant;
import dev.ferry.deploy.rehearse.world.RunContext;
import dev.ferry.deploy.rehearse.world.RunOutcome;
import dev.ferry.deploy.rehearse.world.Verdict;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A world's invariants over a rehearsal: each {@link Invariant.RestoredOrMigrated} state is read
 * before the fault-free run and after it, and every run must leave it as one of the two.
 */
final class InvariantChecks {
  private final Map<String, Map<String, String>> before = new ConcurrentHashMap<>();
  private final Map<String, Map<String, String>> migrated = new ConcurrentHashMap<>();
  private final Iterable<Invariant> invariants;

  InvariantChecks(Iterable<Invariant> invariants) {
    this.invariants = invariants;
  }

  /** Reads every state before the fault-free run. */
  void before(RunContext run) throws Exception {
    for (Invariant i : invariants) {
      if (i instanceof Invariant.RestoredOrMigrated r) {
        before.put(r.name(), r.reader().read(run));
      }
    }
  }

  /** Reads every state after the fault-free run succeeded. */
  void migrated(RunContext run) throws Exception {
    for (Invariant i : invariants) {
      if (i instanceof Invariant.RestoredOrMigrated r) {
        migrated.put(r.name(), r.reader().read(run));
      }
    }
  }

  Rehearsal.Check check(Invariant invariant, RunOutcome run) {
    try {
      return switch (invariant) {
        case Invariant.RestoredOrMigrated r -> restoredOrMigrated(r, run);
        case Invariant.Check c -> {
          Verdict v = c.check().check(run);
          yield new Rehearsal.Check(c.name(), v.ok(), v.detail());
        }
      };
    } catch (Exception e) {
      return new Rehearsal.Check(invariant.name(), false, "the check failed: " + e);
    }
  }

  private Rehearsal.Check restoredOrMigrated(Invariant.RestoredOrMigrated r, RunOutcome run) throws Exception {
    Map<String, String> now = r.reader().read(run);
    Set<String> fromBefore = differences(now, before.get(r.name()));
    Map<String, String> after = migrated.get(r.name());
    Set<String> fromMigrated = after == null ? Set.of("(no fault-free result)") : differences(now, after);
    String state = fromBefore.isEmpty() ? "as before" : fromMigrated.isEmpty() ? "migrated" : null;
    if (state == null) {
      return new Rehearsal.Check(r.name(), false, "neither as before (differs in " + fromBefore + ") nor migrated (differs in "
          + fromMigrated + ")");
    }
    Status status = run.progress().orElse(Status.RUNNING);
    boolean consistent = switch (status) {
      case SUCCEEDED -> state.equals("migrated");
      case ROLLED_BACK -> state.equals("as before");
      case RUNNING, ROLLING_BACK, ROLLBACK_FAILED, ABANDONED -> true;
      // past the point of no return nothing is undone: the verified change stands
      case INCOMPLETE -> state.equals("migrated");
    };
    return new Rehearsal.Check(r.name(), consistent, state + (consistent ? "" : " although the run ended " + status
        + (state.equals("migrated") ? ": a compensation is missing" : ": the migration did not apply")));
  }

  private static Set<String> differences(Map<String, String> a, Map<String, String> b) {
    if (b == null) {
      return Set.of("(not read before the fault-free run)");
    }
    Set<String> keys = new TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    keys.removeIf(k -> Objects.equals(a.get(k), b.get(k)));
    return keys;
  }
}
