package dev.ferry.worlds;

import dev.ferry.deploy.rehearse.world.Verdict;
import java.util.List;
import java.util.stream.Collectors;

/** A world's checks as one rehearsal verdict: it holds when every check does, and names each. */
public final class WorldChecks {

  private WorldChecks() {}

  public static Verdict verdict(List<WorldCheck> checks) {
    String detail = checks.stream().map(c -> (c.ok() ? "" : "FAILED ") + c.name() + ": " + c.detail())
        .collect(Collectors.joining("; "));
    return checks.stream().allMatch(WorldCheck::ok) ? Verdict.ok(detail) : Verdict.failed(detail);
  }
}
