package dev.ferry.deploy.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/** The SDK clients a target uses, built on first use from one {@link AwsSettings}. */
public final class AwsClients implements AutoCloseable {

  private final AwsSettings settings;
  private final List<SdkAutoCloseable> built = new ArrayList<>();
  private final Supplier<SfnClient> sfn;
  private final Supplier<DynamoDbClient> dynamoDb;
  private final Supplier<LambdaClient> lambda;
  private final Supplier<IamClient> iam;
  private final Supplier<SchedulerClient> scheduler;
  private final Supplier<StsClient> sts;
  private final Supplier<EventBridgeClient> eventBridge;

  public AwsClients(AwsSettings settings) {
    this.settings = settings;
    this.sfn = once(() -> configure(SfnClient.builder()));
    this.dynamoDb = once(() -> configure(DynamoDbClient.builder()));
    this.lambda = once(() -> configure(LambdaClient.builder()));
    // IAM is a global service: its endpoint and signing region come from aws-global.
    this.iam = once(() -> configureGlobal(IamClient.builder()));
    this.scheduler = once(() -> configure(SchedulerClient.builder()));
    this.sts = once(() -> configure(StsClient.builder()));
    this.eventBridge = once(() -> configure(EventBridgeClient.builder()));
  }

  public SfnClient sfn() {
    return sfn.get();
  }

  public DynamoDbClient dynamoDb() {
    return dynamoDb.get();
  }

  public LambdaClient lambda() {
    return lambda.get();
  }

  public IamClient iam() {
    return iam.get();
  }

  public SchedulerClient scheduler() {
    return scheduler.get();
  }

  public StsClient sts() {
    return sts.get();
  }

  public EventBridgeClient eventBridge() {
    return eventBridge.get();
  }

  private <B extends AwsClientBuilder<B, C>, C extends SdkAutoCloseable> C configureGlobal(B builder) {
    builder.region(Region.AWS_GLOBAL);
    return build(builder);
  }

  private <B extends AwsClientBuilder<B, C>, C extends SdkAutoCloseable> C configure(B builder) {
    settings.region().ifPresent(builder::region);
    return build(builder);
  }

  private <B extends AwsClientBuilder<B, C>, C extends SdkAutoCloseable> C build(B builder) {
    settings.endpoint().ifPresent(builder::endpointOverride);
    settings.credentials().ifPresent(builder::credentialsProvider);
    builder.overrideConfiguration(o -> {
      o.addExecutionInterceptor(new AwsFailures());
      settings.interceptors().forEach(o::addExecutionInterceptor);
    });
    C client = builder.build();
    synchronized (built) {
      built.add(client);
    }
    return client;
  }

  private static <T> Supplier<T> once(Supplier<T> factory) {
    return new Supplier<>() {
      private T value;

      @Override
      public synchronized T get() {
        if (value == null) {
          value = factory.get();
        }
        return value;
      }
    };
  }

  @Override
  public void close() {
    synchronized (built) {
      built.forEach(SdkAutoCloseable::close);
      built.clear();
    }
  }
}
