package dev.ferry.deploy.aws;

import dev.ferry.deploy.Canonical;
import dev.ferry.deploy.DeployReport.Action;
import dev.ferry.deploy.DeployReport.Change;
import java.util.List;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.RoutingConfigurationListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineType;

/**
 * Creates or updates a Standard state machine, publishes a version when the definition or role
 * changed, and points the {@code live} alias (what schedules and {@code ferry start} call) at
 * the newest version.
 */
final class StateMachines {

  static final String ALIAS = "live";

  record Ensured(String stateMachineArn, String versionArn, String aliasArn, List<Change> changes) {}

  private final SfnClient sfn;
  private final RoleReadiness readiness;

  StateMachines(SfnClient sfn, RoleReadiness readiness) {
    this.sfn = sfn;
    this.readiness = readiness;
  }

  Ensured ensure(String stateMachineArn, String name, String definition, String roleArn) {
    Change machine;
    String versionArn;
    DescribeStateMachineResponse current = describe(stateMachineArn);
    if (current == null) {
      var created = readiness.whileRoleIsNew(() -> sfn.createStateMachine(r -> r
          .name(name).definition(definition).roleArn(roleArn).type(StateMachineType.STANDARD)
          .publish(true).versionDescription("ferry deploy")));
      versionArn = created.stateMachineVersionArn();
      machine = new Change("state-machine", name, Action.CREATED, "version " + versionSuffix(versionArn));
    } else if (!Canonical.sameJson(current.definition(), definition) || !roleArn.equals(current.roleArn())) {
      var updated = readiness.whileRoleIsNew(() -> sfn.updateStateMachine(r -> r
          .stateMachineArn(stateMachineArn).definition(definition).roleArn(roleArn)
          .publish(true).versionDescription("ferry deploy")));
      versionArn = updated.stateMachineVersionArn();
      machine = new Change("state-machine", name, Action.UPDATED, "version " + versionSuffix(versionArn));
    } else {
      versionArn = currentVersion(stateMachineArn, definition, roleArn);
      machine = new Change("state-machine", name, Action.UNCHANGED, "version " + versionSuffix(versionArn));
    }
    String aliasArn = stateMachineArn + ":" + ALIAS;
    return new Ensured(stateMachineArn, versionArn, aliasArn, List.of(machine, pointAlias(stateMachineArn, aliasArn, versionArn)));
  }

  private Change pointAlias(String stateMachineArn, String aliasArn, String versionArn) {
    RoutingConfigurationListItem route = RoutingConfigurationListItem.builder()
        .stateMachineVersionArn(versionArn).weight(100).build();
    try {
      var alias = sfn.describeStateMachineAlias(r -> r.stateMachineAliasArn(aliasArn));
      if (alias.routingConfiguration().equals(List.of(route))) {
        return new Change("state-machine-alias", ALIAS, Action.UNCHANGED, "-> version " + versionSuffix(versionArn));
      }
      sfn.updateStateMachineAlias(r -> r.stateMachineAliasArn(aliasArn).routingConfiguration(route));
      return new Change("state-machine-alias", ALIAS, Action.UPDATED, "-> version " + versionSuffix(versionArn));
    } catch (ResourceNotFoundException e) {
      sfn.createStateMachineAlias(r -> r.name(ALIAS).routingConfiguration(route)
          .description("the version ferry start and schedules run"));
      return new Change("state-machine-alias", ALIAS, Action.CREATED, "-> version " + versionSuffix(versionArn));
    }
  }

  /**
   * The version an unchanged machine runs: the one the alias routes to when that version has this
   * definition and role (one look, no listing), else the newest published one.
   */
  private String currentVersion(String stateMachineArn, String definition, String roleArn) {
    try {
      List<RoutingConfigurationListItem> routes = sfn.describeStateMachineAlias(
          r -> r.stateMachineAliasArn(stateMachineArn + ":" + ALIAS)).routingConfiguration();
      if (routes.size() == 1) {
        String routed = routes.getFirst().stateMachineVersionArn();
        DescribeStateMachineResponse version = sfn.describeStateMachine(r -> r.stateMachineArn(routed));
        if (Canonical.sameJson(version.definition(), definition) && roleArn.equals(version.roleArn())) {
          return routed;
        }
      }
    } catch (ResourceNotFoundException | StateMachineDoesNotExistException e) {
      // No alias yet, or it routes to a deleted version: fall back to the newest version.
    }
    return latestVersion(stateMachineArn);
  }

  /** The newest published version, publishing one if the machine has none yet. */
  private String latestVersion(String stateMachineArn) {
    var versions = sfn.listStateMachineVersions(r -> r.stateMachineArn(stateMachineArn).maxResults(1))
        .stateMachineVersions();
    if (!versions.isEmpty()) {
      return versions.get(0).stateMachineVersionArn();
    }
    return sfn.publishStateMachineVersion(r -> r.stateMachineArn(stateMachineArn)).stateMachineVersionArn();
  }

  private DescribeStateMachineResponse describe(String stateMachineArn) {
    try {
      return sfn.describeStateMachine(r -> r.stateMachineArn(stateMachineArn));
    } catch (StateMachineDoesNotExistException e) {
      return null;
    }
  }

  private static String versionSuffix(String versionArn) {
    return versionArn.substring(versionArn.lastIndexOf(':') + 1);
  }
}
