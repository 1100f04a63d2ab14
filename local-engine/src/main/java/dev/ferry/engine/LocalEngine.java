package dev.ferry.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.engine.asl.AslParser;
import dev.ferry.engine.asl.StateMachine;
import dev.ferry.engine.data.Json;
import dev.ferry.engine.runtime.Callbacks;
import dev.ferry.engine.runtime.Run;
import dev.ferry.engine.runtime.Scheduler;
import dev.ferry.engine.runtime.TaskDispatch;
import dev.ferry.engine.tasks.DynamoDbIntegration;
import dev.ferry.engine.tasks.LambdaFunctions;
import dev.ferry.engine.tasks.MockConfig;
import dev.ferry.engine.tasks.MockTestCase;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Ferry's embedded AWS Step Functions engine: runs ASL definitions in-process, the way AWS does.
 *
 * <pre>{@code
 * LocalEngine engine = LocalEngine.builder()
 *     .virtualClock()                       // the default: Wait states and retry intervals take no real time
 *     .dynamoDb(client)                     // dynamodb:* and aws-sdk:dynamodb:* tasks go to this client
 *     .lambda("ferry-http-check", payload -> ...) // lambda:invoke and Lambda ARNs by function name or ARN
 *     .resolver("arn:aws:states:::aws-sdk:s3:", request -> ...) // any other integration, by ARN prefix
 *     .mocks(MockConfig.load(path))          // optional: AWS Step Functions Local MockConfigFile
 *     .build();
 * Execution e = engine.start(definitionJson, "name", input);
 * StateMachineDefinition m = engine.createStateMachine("orders", definition); // parse once, start many
 * engine.start(m, "run-2", input);
 * ExecutionResult r = e.await();            // r.status(), r.output(), r.error(), r.cause()
 * e.history();                              // AWS's event types and details
 * engine.sendTaskSuccess(token, output);    // answer a .waitForTaskToken task (also Failure, Heartbeat)
 * e.stop("Error", "cause"); e.redrive();
 * }</pre>
 *
 * <p>Executions run on virtual threads, so many can wait at once. With the virtual clock, time jumps
 * to the next Wait or retry as soon as no execution can run; task-token timeouts and heartbeats
 * only fire when {@link #advanceClock} passes them, so a test can answer a callback first.
 */
public final class LocalEngine implements AutoCloseable {
  private final Scheduler scheduler;
  private final Callbacks callbacks;
  private final TaskDispatch dispatch;
  private final MockConfig mocks;
  private final DoubleSupplier jitter;

  private LocalEngine(Builder b) {
    this.scheduler = new Scheduler(b.virtualClock, b.clockStart);
    this.callbacks = new Callbacks(scheduler);
    Map<String, TaskResolver> resolvers = new LinkedHashMap<>();
    if (b.dynamoDb != null) {
      DynamoDbIntegration dynamo = new DynamoDbIntegration(b.dynamoDb, scheduler::now);
      resolvers.put(DynamoDbIntegration.OPTIMIZED_PREFIX, dynamo::invoke);
      resolvers.put(DynamoDbIntegration.SDK_PREFIX, dynamo::invoke);
    }
    resolvers.putAll(b.resolvers);
    this.dispatch = new TaskDispatch(new LambdaFunctions(b.lambdas, scheduler::now), resolvers);
    this.mocks = b.mocks;
    this.jitter = b.jitter;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Parses and checks a definition once (InvalidDefinitionException names the bad state and field),
   * to start many executions of it cheaply.
   */
  public StateMachineDefinition createStateMachine(String machineName, JsonNode definition) {
    return new StateMachineDefinition(machineName, AslParser.parse(definition));
  }

  public Execution start(StateMachineDefinition machine, String name, JsonNode input) {
    return start(machine.machine(), machine.name(), name, input, null);
  }

  /** Starts an execution answering Task states from MockConfigFile test case {@code testCase} of this machine's name. */
  public Execution start(StateMachineDefinition machine, String name, JsonNode input, String testCase) {
    return start(machine.machine(), machine.name(), name, input, testCase == null ? null : testCase(machine.name(), testCase));
  }

  /** Parses the definition (InvalidDefinitionException names the bad state and field) and starts an execution. */
  public Execution start(String definitionJson, String name, JsonNode input) {
    return start(AslParser.parse(Json.parse(definitionJson)), "StateMachine", name, input, null);
  }

  public Execution start(JsonNode definition, String name, JsonNode input) {
    return start(AslParser.parse(definition), "StateMachine", name, input, null);
  }

  /**
   * Starts an execution whose Task states answer from the MockConfigFile test case {@code
   * testCase} of state machine {@code machineName}, as Step Functions Local does for {@code
   * <stateMachineArn>#<testCase>}.
   */
  public Execution start(JsonNode definition, String machineName, String name, JsonNode input, String testCase) {
    StateMachine machine = AslParser.parse(definition);
    return start(machine, machineName, name, input, testCase == null ? null : testCase(machineName, testCase));
  }

  private MockTestCase testCase(String machineName, String testCase) {
    if (mocks == null) {
      throw new IllegalArgumentException("Test case '" + testCase + "' was asked for but the engine has no MockConfigFile; pass one with LocalEngine.Builder.mocks(...).");
    }
    return mocks.testCase(machineName, testCase);
  }

  private Execution start(StateMachine machine, String machineName, String name, JsonNode input, MockTestCase mocked) {
    String executionName = name == null ? UUID.randomUUID().toString() : name;
    Run run = new Run(scheduler, dispatch, callbacks, mocked, jitter, machine, machineName, executionName, input == null ? Json.object() : input);
    run.start();
    return new Execution(run);
  }

  /** Completes the {@code .waitForTaskToken} task holding {@code token} with {@code output} as its result. */
  public void sendTaskSuccess(String token, JsonNode output) {
    callbacks.success(token, output);
  }

  /** Fails the {@code .waitForTaskToken} task holding {@code token}. */
  public void sendTaskFailure(String token, String error, String cause) {
    callbacks.failure(token, error, cause);
  }

  /** Restarts the HeartbeatSeconds countdown of the task holding {@code token}. */
  public void sendTaskHeartbeat(String token) {
    callbacks.heartbeat(token);
  }

  /**
   * Runs {@code action} once {@code delay} of engine time has passed: on the virtual clock when
   * time passes it (a jump to a later timer, or {@link #advanceClock}), never jumped to itself, like
   * a task-token timeout; on the real clock on wall time. For the world around the executions (a
   * sweeper that heartbeats waiting tasks).
   */
  public void schedule(Duration delay, Runnable action) {
    scheduler.schedule(delay, true, action);
  }

  /** Moves the virtual clock forward, firing task timeouts and heartbeats due on the way. */
  public void advanceClock(Duration by) {
    scheduler.advance(by);
  }

  /**
   * Takes {@code duration} of engine time on the calling engine thread: how an in-process handler
   * models a slow function. On the virtual clock no real time passes, and the task's TimeoutSeconds
   * still ends it when the duration runs past it.
   */
  public void sleep(Duration duration) {
    scheduler.sleep(duration);
  }

  public Instant now() {
    return scheduler.now();
  }

  @Override
  public void close() {
    scheduler.shutdown();
  }

  /** Configures a {@link LocalEngine}; every setting is optional. */
  public static final class Builder {
    private boolean virtualClock = true;
    private Instant clockStart = Instant.now();
    private DynamoDbClient dynamoDb;
    private final Map<String, LambdaHandler> lambdas = new LinkedHashMap<>();
    private final Map<String, TaskResolver> resolvers = new LinkedHashMap<>();
    private MockConfig mocks;
    private DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();

    private Builder() {}

    /** Wait states, retry intervals and timeouts take no real time (the default). */
    public Builder virtualClock() {
      this.virtualClock = true;
      return this;
    }

    /** The virtual clock starting at {@code start}. */
    public Builder virtualClock(Instant start) {
      this.virtualClock = true;
      this.clockStart = start;
      return this;
    }

    /** Wait states and retry intervals take real time. */
    public Builder realClock() {
      this.virtualClock = false;
      return this;
    }

    public Builder dynamoDb(DynamoDbClient client) {
      this.dynamoDb = client;
      return this;
    }

    /** Serves Lambda function {@code nameOrArn} (a name matches any ARN with that function name). */
    public Builder lambda(String nameOrArn, LambdaHandler handler) {
      lambdas.put(nameOrArn, handler);
      return this;
    }

    /** Serves Task resources starting with {@code resourcePrefix}; the longest matching prefix wins. */
    public Builder resolver(String resourcePrefix, TaskResolver resolver) {
      resolvers.put(resourcePrefix, resolver);
      return this;
    }

    public Builder mocks(MockConfig config) {
      this.mocks = config;
      return this;
    }

    /** The source of FULL-jitter factors in [0, 1); tests fix it to check retry delays. */
    public Builder jitter(DoubleSupplier source) {
      this.jitter = source;
      return this;
    }

    public LocalEngine build() {
      return new LocalEngine(this);
    }
  }
}
