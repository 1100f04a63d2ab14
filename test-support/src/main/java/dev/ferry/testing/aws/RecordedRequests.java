package dev.ferry.testing.aws;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Records every request the SDK clients it is installed on send: service, operation, typed request. */
public final class RecordedRequests implements ExecutionInterceptor {

  /** One request as the client built it; {@code service} is the SDK's name (Rds, DynamoDb, Lambda...). */
  public record Call(String service, String operation, SdkRequest request) {
    @Override
    public String toString() {
      return service + ":" + operation;
    }
  }

  private final List<Call> calls = new ArrayList<>();

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    Call call = new Call(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
        attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), context.request());
    synchronized (calls) {
      calls.add(call);
    }
  }

  public List<Call> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  /** The typed requests of one type, in the order they were sent. */
  public <T extends SdkRequest> List<T> sent(Class<T> type) {
    List<T> out = new ArrayList<>();
    for (Call call : calls()) {
      if (type.isInstance(call.request())) {
        out.add(type.cast(call.request()));
      }
    }
    return out;
  }

  public List<String> operations() {
    return calls().stream().map(Call::operation).toList();
  }

  public void clear() {
    synchronized (calls) {
      calls.clear();
    }
  }
}
