package dev.ferry.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contract.ExecutionStatusChange;
import dev.ferry.dsl.tasks.FerryTasks;

/**
 * The EventBridge rule that sends a machine's executions that ended ABORTED, TIMED_OUT or FAILED to
 * {@code ferry-execution-ended}, which records the abandoned step and the progress item's end state
 * when the machine could not (contract: "Tables", abandoned runs). {@code ferry deploy} writes it
 * through the SDK and the CloudFormation export declares it; both take its pattern, target and
 * permission from here.
 */
public final class ExecutionEndedRule {

  /** The function the rule invokes. */
  public static final String FUNCTION = FerryTasks.EXECUTION_ENDED.name();

  /** The rule's one target, by its id. */
  public static final String TARGET_ID = FUNCTION;

  /** The principal the function's resource policy lets invoke it. */
  public static final String PRINCIPAL = "events.amazonaws.com";

  public static final String DESCRIPTION =
      "Ferry: record runs of this machine that ended where the machine could not record it";

  /** EventBridge rule names allow {@code [.-_A-Za-z0-9]}, at most 64 characters. */
  private static final int NAME_LIMIT = 64;

  private ExecutionEndedRule() {}

  /** {@code ferry-<migration>-ended}, shortened to EventBridge's limit. */
  public static String name(CompiledMachine machine) {
    String name = ("ferry-" + machine.migration()).replaceAll("[^0-9A-Za-z._-]", "-");
    String suffix = "-ended";
    return (name.length() + suffix.length() <= NAME_LIMIT ? name : name.substring(0, NAME_LIMIT - suffix.length())) + suffix;
  }

  /**
   * The statement id of the function's permission for this machine's rule: one per migration, as
   * the function is shared by every migration deployed in the account and region.
   */
  public static String permissionId(CompiledMachine machine) {
    return name(machine);
  }

  /**
   * The event pattern: status changes of the machine {@code stateMachineArn} (its ARN as text, or
   * a template reference to it) to one of {@link ExecutionStatusChange#UNRECORDED_STATUSES}.
   */
  public static ObjectNode pattern(JsonNode stateMachineArn) {
    ObjectNode pattern = JsonNodeFactory.instance.objectNode();
    pattern.putArray("source").add(ExecutionStatusChange.SOURCE);
    pattern.putArray("detail-type").add(ExecutionStatusChange.DETAIL_TYPE);
    ObjectNode detail = pattern.putObject("detail");
    ExecutionStatusChange.UNRECORDED_STATUSES.forEach(detail.putArray("status")::add);
    detail.putArray("stateMachineArn").add(stateMachineArn);
    return pattern;
  }

  public static ObjectNode pattern(String stateMachineArn) {
    return pattern(JsonNodeFactory.instance.textNode(stateMachineArn));
  }

  /** The function's ARN in {@code arns} (placeholders for CloudFormation's {@code Fn::Sub}). */
  public static String functionArn(ArnContext arns) {
    return arns.lambdaFunction(FUNCTION);
  }
}
