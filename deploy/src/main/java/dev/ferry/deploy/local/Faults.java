package dev.ferry.deploy.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ferry.engine.LambdaHandler;
import dev.ferry.engine.StatesError;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * The faults injected into one local target: per task function (by the name the machine calls) and
 * per DynamoDB operation of the engine's client. Faults apply from the next call on, to every
 * execution of the target, until {@link #clear()}. Thread-safe.
 */
public final class Faults {

  private final Map<String, Armed> tasks = new ConcurrentHashMap<>();
  private final List<ArmedDynamoDb> dynamoDb = new CopyOnWriteArrayList<>();

  /**
   * A DynamoDB call of the engine (a task's {@code aws-sdk:dynamodb:*} or {@code dynamodb:*}
   * integration, e.g. the progress and audit writes) that fails with service error code {@code
   * errorCode} (e.g. {@code ProvisionedThroughputExceededException}, which the machine sees as
   * {@code DynamoDb.ProvisionedThroughputExceededException}) for its first {@code times} calls.
   * {@code operation} is the API name, e.g. {@code TransactWriteItems}; {@code when} picks the
   * calls it strikes by their request (only those count towards {@code times}).
   */
  public record DynamoDbFault(String operation, String errorCode, int times, Predicate<SdkRequest> when) {
    public DynamoDbFault {
      if (times < 1) {
        throw new IllegalArgumentException("a fault affects at least one call, got times=" + times);
      }
    }

    /** Strikes every call of {@code operation}. */
    public DynamoDbFault(String operation, String errorCode, int times) {
      this(operation, errorCode, times, request -> true);
    }
  }

  private record Armed(Fault fault, AtomicInteger calls) {
    /** Whether this call is one the fault affects (counts it). */
    boolean strikes() {
      return calls.getAndIncrement() < fault.times();
    }
  }

  private record ArmedDynamoDb(DynamoDbFault fault, AtomicInteger calls) {}

  /** Replaces any fault of {@code function} with {@code fault}. */
  public void inject(String function, Fault fault) {
    tasks.put(function, new Armed(fault, new AtomicInteger()));
  }

  public void inject(DynamoDbFault fault) {
    dynamoDb.add(new ArmedDynamoDb(fault, new AtomicInteger()));
  }

  /** How many calls reached {@code function} since its fault was injected (struck ones included). */
  public int calls(String function) {
    return Optional.ofNullable(tasks.get(function)).map(a -> a.calls().get()).orElse(0);
  }

  public void clear() {
    tasks.clear();
    dynamoDb.clear();
  }

  /** {@code handler} of {@code function}, misbehaving while a fault of that function strikes. */
  LambdaHandler wrap(String function, int timeoutSeconds, LambdaHandler handler, Runnable processDies) {
    return payload -> {
      Armed armed = tasks.get(function);
      if (armed != null && armed.strikes()) {
        switch (armed.fault()) {
          case Fault.Fail fail -> throw new StatesError(fail.error(), runtimeCause(fail.error(), fail.cause()));
          case Fault.Sleep sleep -> Thread.sleep(sleep.delay());
          case Fault.TimedOut timedOut -> throw new StatesError("States.Timeout",
              "The task did not finish within " + timeoutSeconds + " seconds.");
          case Fault.Tamper tamper -> {
            return handler.handle(tamper.payload().apply(payload.deepCopy()));
          }
          case Fault.Crash crash -> {
            JsonNode result = handler.handle(payload);
            processDies.run();
            return result;
          }
        }
      }
      return handler.handle(payload);
    };
  }

  /** The interceptor the engine's DynamoDB client carries. */
  ExecutionInterceptor dynamoDbInterceptor() {
    return new ExecutionInterceptor() {
      @Override
      public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        for (ArmedDynamoDb armed : dynamoDb) {
          if (armed.fault().operation().equals(operation) && armed.fault().when().test(context.request())
              && armed.calls().getAndIncrement() < armed.fault().times()) {
            throw DynamoDbException.builder()
                .message("injected fault: " + armed.fault().errorCode())
                .statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder()
                    .errorCode(armed.fault().errorCode())
                    .errorMessage("injected fault: " + armed.fault().errorCode())
                    .serviceName("DynamoDb")
                    .build())
                .build();
          }
        }
      }
    };
  }

  /** The cause text the Lambda runtime reports for a handler's exception. */
  private static String runtimeCause(String error, String message) {
    var cause = JsonNodeFactory.instance.objectNode();
    cause.put("errorMessage", message == null ? "" : message);
    cause.put("errorType", error);
    cause.putArray("stackTrace");
    return cause.toString();
  }
}
