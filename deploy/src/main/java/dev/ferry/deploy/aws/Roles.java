package dev.ferry.deploy.aws;

import dev.ferry.deploy.Canonical;
import dev.ferry.deploy.DeployReport.Action;
import dev.ferry.deploy.DeployReport.Change;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;

/** Creates or updates an IAM role with one inline policy, touching only what differs. */
final class Roles {

  /** The role's ARN, whether it was just created, and what changed. */
  record Ensured(String arn, boolean created, List<Change> changes) {}

  private final IamClient iam;

  Roles(IamClient iam) {
    this.iam = iam;
  }

  static String trustPolicy(String servicePrincipal) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\""
        + servicePrincipal + "\"},\"Action\":\"sts:AssumeRole\"}]}";
  }

  Ensured ensure(String roleName, String servicePrincipal, String description, String policyName, String policyJson) {
    String trust = trustPolicy(servicePrincipal);
    Role role;
    Action roleAction;
    try {
      role = iam.getRole(r -> r.roleName(roleName)).role();
      if (Canonical.sameJson(decode(role.assumeRolePolicyDocument()), trust)) {
        roleAction = Action.UNCHANGED;
      } else {
        iam.updateAssumeRolePolicy(r -> r.roleName(roleName).policyDocument(trust));
        roleAction = Action.UPDATED;
      }
    } catch (NoSuchEntityException e) {
      role = iam.createRole(r -> r.roleName(roleName).assumeRolePolicyDocument(trust).description(description)).role();
      roleAction = Action.CREATED;
    }
    Action policyAction;
    try {
      String current = iam.getRolePolicy(r -> r.roleName(roleName).policyName(policyName)).policyDocument();
      policyAction = Canonical.sameJson(decode(current), policyJson) ? Action.UNCHANGED : Action.UPDATED;
    } catch (NoSuchEntityException e) {
      policyAction = Action.CREATED;
    }
    if (policyAction != Action.UNCHANGED) {
      iam.putRolePolicy(r -> r.roleName(roleName).policyName(policyName).policyDocument(policyJson));
    }
    return new Ensured(role.arn(), roleAction == Action.CREATED, List.of(
        new Change("iam-role", roleName, roleAction, "trusted by " + servicePrincipal),
        new Change("iam-policy", roleName + "/" + policyName, policyAction, "inline policy")));
  }

  /** IAM returns policy documents URL-encoded (RFC 3986). */
  private static String decode(String document) {
    return document.startsWith("{") ? document : URLDecoder.decode(document, StandardCharsets.UTF_8);
  }
}
