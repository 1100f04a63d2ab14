package dev.ferry.dsl;

import java.util.List;

/** One direct upgrade of a {@link VersionMatrix} chain, given to {@code forEachHop}. */
public record Hop(VersionMatrix.Edge edge) {

  public String from() {
    return edge.from();
  }

  public String to() {
    return edge.to();
  }

  public List<String> prerequisites() {
    return edge.prerequisites();
  }

  /** A step id unique to this hop: {@code stepId("update-code")} is {@code update-code-to-2-0}. */
  public String stepId(String base) {
    return base + "-to-" + to().replaceAll("[^A-Za-z0-9]+", "-").toLowerCase(java.util.Locale.ROOT);
  }
}
