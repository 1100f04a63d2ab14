package dev.ferry.deploy;

/**
 * Partition, region and account that resource ARNs are built in. For CloudFormation these are the
 * pseudo-parameter placeholders ({@code ${AWS::Region}}...), resolved by {@code Fn::Sub}.
 */
public record ArnContext(String partition, String region, String account) {

  public static final ArnContext CLOUDFORMATION =
      new ArnContext("${AWS::Partition}", "${AWS::Region}", "${AWS::AccountId}");

  /** For a plan made before any account is known: readable placeholders. */
  public static final ArnContext UNRESOLVED = new ArnContext("aws", "<region>", "<account>");

  public String arn(String service, String resource) {
    return "arn:" + partition + ":" + service + ":" + region + ":" + account + ":" + resource;
  }

  public String lambdaFunction(String name) {
    return arn("lambda", "function:" + name);
  }

  public String dynamoDbTable(String name) {
    return arn("dynamodb", "table/" + name);
  }

  public String stateMachine(String name) {
    return arn("states", "stateMachine:" + name);
  }

  public String execution(String stateMachineName, String executionName) {
    return arn("states", "execution:" + stateMachineName + ":" + executionName);
  }
}
