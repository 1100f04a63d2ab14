package dev.ferry.dsl.graph;

import dev.ferry.dsl.Hop;
import dev.ferry.dsl.VersionMatrix;
import java.util.List;
import java.util.Optional;

/**
 * A {@code forEachHop} declaration: the requested upgrade and, when the matrix has a chain for
 * it, the steps emitted for each hop.
 */
public record VersionPlan(VersionMatrix matrix, String from, String to, Optional<List<HopSteps>> hops) {

  /** The step ids emitted for one hop, in order. */
  public record HopSteps(Hop hop, List<String> stepIds) {
    public HopSteps {
      stepIds = List.copyOf(stepIds);
    }
  }

  public VersionPlan {
    hops = hops.map(List::copyOf);
  }
}
