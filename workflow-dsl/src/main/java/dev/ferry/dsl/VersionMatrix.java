package dev.ferry.dsl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which version upgrades are supported directly. {@link #hops} resolves the shortest chain of
 * direct upgrades (1.0 to 3.0 through 2.0 when there is no direct edge); ties go to the edge
 * declared first.
 */
public record VersionMatrix(List<Edge> edges) {

  /**
   * A supported direct upgrade.
   *
   * @param prerequisites ids of steps that must have run before this hop's steps (2.0 to 3.0
   *     needs the IAM change first)
   */
  public record Edge(String from, String to, List<String> prerequisites) {
    public Edge {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      prerequisites = List.copyOf(prerequisites);
    }

    /** This edge, needing the step {@code stepId} to have run before it. */
    public Edge requires(String stepId) {
      List<String> next = new ArrayList<>(prerequisites);
      next.add(stepId);
      return new Edge(from, to, next);
    }
  }

  public VersionMatrix {
    edges = List.copyOf(edges);
  }

  public static VersionMatrix of(Edge... edges) {
    return new VersionMatrix(List.of(edges));
  }

  public static Edge edge(String from, String to) {
    return new Edge(from, to, List.of());
  }

  public Set<String> versions() {
    Set<String> versions = new LinkedHashSet<>();
    edges.forEach(e -> {
      versions.add(e.from());
      versions.add(e.to());
    });
    return versions;
  }

  /** The shortest chain of hops from {@code from} to {@code to}, or empty when there is none. */
  public Optional<List<Hop>> hops(String from, String to) {
    if (from.equals(to)) {
      return Optional.of(List.of());
    }
    Map<String, Edge> reachedBy = new HashMap<>();
    ArrayDeque<String> queue = new ArrayDeque<>(List.of(from));
    Set<String> seen = new LinkedHashSet<>(List.of(from));
    while (!queue.isEmpty()) {
      String at = queue.poll();
      for (Edge e : edges) {
        if (e.from().equals(at) && seen.add(e.to())) {
          reachedBy.put(e.to(), e);
          queue.add(e.to());
        }
      }
    }
    if (!reachedBy.containsKey(to)) {
      return Optional.empty();
    }
    List<Hop> path = new ArrayList<>();
    for (String at = to; !at.equals(from); at = reachedBy.get(at).from()) {
      path.add(new Hop(reachedBy.get(at)));
    }
    Collections.reverse(path);
    return Optional.of(List.copyOf(path));
  }
}
