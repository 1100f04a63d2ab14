package dev.ferry.tasks.aws;

import dev.ferry.tasks.Executions;
import java.util.Optional;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionRedriveStatus;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/** {@link Executions} on AWS Step Functions: {@code DescribeExecution} and {@code SendTaskHeartbeat}. */
public final class StepFunctionsExecutions implements Executions {

  private final SfnClient sfn;

  public StepFunctionsExecutions(SfnClient sfn) {
    this.sfn = sfn;
  }

  @Override
  public Optional<Described> describe(String executionArn) {
    DescribeExecutionResponse execution;
    try {
      execution = sfn.describeExecution(r -> r.executionArn(executionArn));
    } catch (ExecutionDoesNotExistException gone) {
      return Optional.empty();
    }
    // Step Functions says itself whether it can redrive (history limit, redrive count, age); an
    // endpoint that does not say leaves it to the contract's rule.
    Optional<Boolean> redrivable = execution.redriveStatus() == null
        || execution.redriveStatus() == ExecutionRedriveStatus.UNKNOWN_TO_SDK_VERSION
        ? Optional.empty()
        : Optional.of(execution.redriveStatus() == ExecutionRedriveStatus.REDRIVABLE);
    return Optional.of(new Described(execution.statusAsString(), Optional.ofNullable(execution.stopDate()), redrivable));
  }

  @Override
  public boolean heartbeat(String taskToken) {
    try {
      sfn.sendTaskHeartbeat(r -> r.taskToken(taskToken));
      return true;
    } catch (TaskDoesNotExistException | TaskTimedOutException | InvalidTokenException gone) {
      return false;
    }
  }
}
