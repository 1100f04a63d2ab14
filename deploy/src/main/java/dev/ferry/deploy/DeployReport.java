package dev.ferry.deploy;

import java.util.List;

/**
 * What a deploy did to each resource (a second identical deploy reports only UNCHANGED), and the
 * permissions of the roles it wrote that could not be narrowed to exact resources.
 */
public record DeployReport(List<Change> changes, List<Wildcard> wildcards) {

  public enum Action { CREATED, UPDATED, UNCHANGED }

  public record Change(String kind, String name, Action action, String detail) {}

  public DeployReport {
    changes = List.copyOf(changes);
    wildcards = List.copyOf(wildcards);
  }

  public boolean changedAnything() {
    return changes.stream().anyMatch(c -> c.action() != Action.UNCHANGED);
  }
}
