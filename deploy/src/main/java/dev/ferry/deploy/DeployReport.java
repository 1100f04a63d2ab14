package dev.ferry.deploy;

import java.util.List;

/** What a deploy did to each resource; a second identical deploy reports only UNCHANGED. */
public record DeployReport(List<Change> changes, DerivedPolicy policy) {

  public enum Action { CREATED, UPDATED, UNCHANGED }

  public record Change(String kind, String name, Action action, String detail) {}

  public DeployReport {
    changes = List.copyOf(changes);
  }

  public boolean changedAnything() {
    return changes.stream().anyMatch(c -> c.action() != Action.UNCHANGED);
  }
}
