package dev.ferry.deploy;

import java.util.List;
import java.util.Optional;

/**
 * What a deploy did to each resource (a second identical deploy reports only UNCHANGED), the
 * permissions of the roles it wrote that could not be narrowed to exact resources, and the ARN
 * that starts the deployed version (the {@code live} alias on AWS) when the target has one.
 */
public record DeployReport(List<Change> changes, List<Wildcard> wildcards, Optional<String> liveAliasArn) {

  public enum Action { CREATED, UPDATED, UNCHANGED }

  public record Change(String kind, String name, Action action, String detail) {}

  public DeployReport {
    changes = List.copyOf(changes);
    wildcards = List.copyOf(wildcards);
  }

  public DeployReport(List<Change> changes, List<Wildcard> wildcards) {
    this(changes, wildcards, Optional.empty());
  }

  public boolean changedAnything() {
    return changes.stream().anyMatch(c -> c.action() != Action.UNCHANGED);
  }
}
