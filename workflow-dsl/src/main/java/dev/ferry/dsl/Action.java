package dev.ferry.dsl;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a step calls. Build them with {@link dev.ferry.dsl.tasks.FerryTasks}, {@link
 * LambdaFunction#call}, {@link AwsSdk}, {@link DynamoDb}.
 */
public sealed interface Action extends Call
    permits Action.LambdaInvoke,
        Action.SdkCall,
        Action.DynamoDbCall,
        Action.ApprovalRequest,
        Action.ParallelGroup {

  /** The refs the action reads. */
  List<Ref> refs();

  @Override
  default Action action() {
    return this;
  }

  /** A Lambda function invoked with {@code arn:aws:states:::lambda:invoke}. */
  record LambdaInvoke(LambdaFunction function, Payload payload) implements Action {
    public LambdaInvoke {
      Objects.requireNonNull(function, "function");
      Objects.requireNonNull(payload, "payload");
    }

    public String functionName() {
      return function.name();
    }

    @Override
    public List<Ref> refs() {
      return payload.refs();
    }
  }

  /** An AWS SDK service integration: {@code arn:aws:states:::aws-sdk:<service>:<action>}. */
  record SdkCall(String service, String apiAction, Payload parameters) implements Action {
    public SdkCall {
      Objects.requireNonNull(service, "service");
      Objects.requireNonNull(apiAction, "apiAction");
      Objects.requireNonNull(parameters, "parameters");
    }

    public SdkCall parameters(Payload newParameters) {
      return new SdkCall(service, apiAction, newParameters);
    }

    public String resource() {
      return "arn:aws:states:::aws-sdk:" + service + ":" + apiAction;
    }

    @Override
    public List<Ref> refs() {
      return parameters.refs();
    }
  }

  /** An optimized DynamoDB integration: {@code arn:aws:states:::dynamodb:<operation>}. */
  record DynamoDbCall(DynamoDb.Operation operation, Payload parameters) implements Action {
    public DynamoDbCall {
      Objects.requireNonNull(operation, "operation");
      Objects.requireNonNull(parameters, "parameters");
    }

    public String resource() {
      return "arn:aws:states:::dynamodb:" + operation.apiName();
    }

    @Override
    public List<Ref> refs() {
      return parameters.refs();
    }
  }

  /**
   * A human approval: {@code ferry-approval-request} invoked with {@code waitForTaskToken}; the
   * step waits until {@code ferry approve}/{@code ferry reject} or its timeout.
   */
  record ApprovalRequest(String message, Optional<Duration> heartbeat) implements Action {
    public ApprovalRequest {
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(heartbeat, "heartbeat");
    }

    /** With the contract's default heartbeat. */
    public ApprovalRequest(String message) {
      this(message, Optional.empty());
    }

    ApprovalRequest withHeartbeat(Duration every) {
      return new ApprovalRequest(message, Optional.of(every));
    }

    @Override
    public List<Ref> refs() {
      return List.of();
    }
  }

  /**
   * Branches of steps run at the same time (a Parallel state). Each branch runs its steps in
   * order; a step in one branch cannot read a step of another branch.
   */
  record ParallelGroup(List<List<Step>> branches) implements Action {
    public ParallelGroup {
      branches = branches.stream().map(List::copyOf).toList();
    }

    @Override
    public List<Ref> refs() {
      return List.of();
    }
  }
}
