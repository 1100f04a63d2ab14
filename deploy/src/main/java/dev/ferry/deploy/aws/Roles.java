package dev.ferry.deploy.aws;

import dev.ferry.deploy.Canonical;
import dev.ferry.deploy.DeployReport.Action;
import dev.ferry.deploy.DeployReport.Change;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.iam.model.Role;

/** Creates or updates IAM roles and their policies, touching only what differs. */
final class Roles {

  /** The role's ARN, whether it was just created, and what changed. */
  record Ensured(String arn, boolean created, List<Change> changes) {}

  /** IAM keeps at most five versions of a managed policy. */
  private static final int MAX_POLICY_VERSIONS = 5;
  static final String POLICY_PATH = "/ferry/";

  private final IamClient iam;

  Roles(IamClient iam) {
    this.iam = iam;
  }

  static String trustPolicy(String servicePrincipal) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\""
        + servicePrincipal + "\"},\"Action\":\"sts:AssumeRole\"}]}";
  }

  /** A role with one inline policy: what a single migration's machine or schedule runs as. */
  Ensured ensure(String roleName, String servicePrincipal, String description, String policyName, String policyJson) {
    Ensured role = ensureRole(roleName, servicePrincipal, description);
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
    return new Ensured(role.arn(), role.created(), List.of(role.changes().getFirst(),
        new Change("iam-policy", roleName + "/" + policyName, policyAction, "inline policy")));
  }

  Ensured ensureRole(String roleName, String servicePrincipal, String description) {
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
    return new Ensured(role.arn(), roleAction == Action.CREATED,
        List.of(new Change("iam-role", roleName, roleAction, "trusted by " + servicePrincipal)));
  }

  /**
   * A customer-managed policy attached to a shared role, owned by one migration: writing it never
   * touches the policies other migrations attached. A changed document becomes the new default
   * version (the oldest other version is dropped when IAM's five are in use).
   */
  List<Change> ensureAttached(String roleName, String policyArn, String policyName, String description, String policyJson) {
    Action action;
    try {
      String version = iam.getPolicy(r -> r.policyArn(policyArn)).policy().defaultVersionId();
      String current = iam.getPolicyVersion(r -> r.policyArn(policyArn).versionId(version)).policyVersion().document();
      if (Canonical.sameJson(decode(current), policyJson)) {
        action = Action.UNCHANGED;
      } else {
        List<PolicyVersion> versions = iam.listPolicyVersions(r -> r.policyArn(policyArn)).versions();
        if (versions.size() >= MAX_POLICY_VERSIONS) {
          PolicyVersion oldest = versions.stream().filter(v -> !Boolean.TRUE.equals(v.isDefaultVersion()))
              .min(Comparator.comparing(PolicyVersion::createDate)).orElseThrow();
          iam.deletePolicyVersion(r -> r.policyArn(policyArn).versionId(oldest.versionId()));
        }
        iam.createPolicyVersion(r -> r.policyArn(policyArn).policyDocument(policyJson).setAsDefault(true));
        action = Action.UPDATED;
      }
    } catch (NoSuchEntityException e) {
      iam.createPolicy(r -> r.policyName(policyName).path(POLICY_PATH).description(description).policyDocument(policyJson));
      action = Action.CREATED;
    }
    boolean attached = iam.listAttachedRolePoliciesPaginator(r -> r.roleName(roleName).pathPrefix(POLICY_PATH))
        .attachedPolicies().stream().anyMatch(p -> p.policyArn().equals(policyArn));
    if (!attached) {
      iam.attachRolePolicy(r -> r.roleName(roleName).policyArn(policyArn));
    }
    return List.of(
        new Change("iam-managed-policy", policyName, action, "the task functions' permissions for this migration"),
        new Change("iam-policy-attachment", roleName + " <- " + policyName, attached ? Action.UNCHANGED : Action.CREATED,
            "attached to the shared task role"));
  }

  /** IAM returns policy documents URL-encoded (RFC 3986). */
  private static String decode(String document) {
    return document.startsWith("{") ? document : URLDecoder.decode(document, StandardCharsets.UTF_8);
  }
}
