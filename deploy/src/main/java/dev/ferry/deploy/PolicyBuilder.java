package dev.ferry.deploy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Collects allowed (resource, action) pairs and renders them as few, stably ordered statements:
 * resources with the same action set share a statement.
 */
public final class PolicyBuilder {

  private final Map<String, SortedSet<String>> actionsByResource = new TreeMap<>();
  private final List<Wildcard> wildcards = new ArrayList<>();

  public PolicyBuilder allow(String resource, String... actions) {
    actionsByResource.computeIfAbsent(resource, r -> new TreeSet<>()).addAll(List.of(actions));
    return this;
  }

  /** Allows and records a permission that could not be narrowed, with the state that needs it. */
  public PolicyBuilder allowWildcard(String state, String action, String resource, String reason) {
    allow(resource, action);
    wildcards.add(Wildcard.of(state, action, resource, reason));
    return this;
  }

  public DerivedPolicy build() {
    Map<SortedSet<String>, SortedSet<String>> resourcesByActions = new LinkedHashMap<>();
    actionsByResource.forEach((resource, actions) ->
        resourcesByActions.computeIfAbsent(actions, a -> new TreeSet<>()).add(resource));
    List<Map.Entry<SortedSet<String>, SortedSet<String>>> groups = new ArrayList<>(resourcesByActions.entrySet());
    groups.sort(Comparator.comparing(e -> e.getKey().first() + " " + e.getValue().first()));
    List<PolicyStatement> statements = new ArrayList<>();
    Map<String, Integer> perService = new TreeMap<>();
    for (var group : groups) {
      String service = group.getKey().first().split(":")[0];
      int n = perService.merge(service, 1, Integer::sum);
      statements.add(new PolicyStatement(PolicyDeriver.pascal(service) + n, group.getKey(), group.getValue()));
    }
    return new DerivedPolicy(statements, Wildcard.merge(wildcards));
  }
}
