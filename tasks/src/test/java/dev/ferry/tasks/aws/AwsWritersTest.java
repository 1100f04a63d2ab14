package dev.ferry.tasks.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import Ferry.WriterNotFound;
import dev.ferry.tasks.Json;
import dev.ferry.tasks.writers.PauseWritersHandler;
import dev.ferry.tasks.writers.PausedWriter;
import dev.ferry.tasks.writers.ResumeWritersHandler;
import dev.ferry.tasks.writers.WriterSpec;
import dev.ferry.testing.aws.Moto;
import dev.ferry.testing.aws.MotoServer;
import dev.ferry.testing.aws.RecordedRequests;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.PutFunctionConcurrencyRequest;
import software.amazon.awssdk.services.lambda.model.UpdateEventSourceMappingRequest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Pausing and resuming Lambda consumers and ECS services through the real SDK clients against moto. */
@ExtendWith(Moto.class)
class AwsWritersTest {

  private final RecordedRequests recorded = new RecordedRequests();
  private LambdaClient lambda;
  private EcsClient ecs;
  private SqsClient sqs;
  private LambdaFixtures functions;
  private AwsWriters writers;

  @BeforeEach
  void connect(MotoServer moto) {
    lambda = moto.client(LambdaClient.builder(), recorded);
    ecs = moto.client(EcsClient.builder(), recorded);
    sqs = moto.client(SqsClient.builder());
    functions = new LambdaFixtures(moto, lambda);
    writers = new AwsWriters(lambda, ecs);
  }

  @AfterEach
  void close() {
    lambda.close();
    ecs.close();
    sqs.close();
  }

  private String mapping(String function, String queue, boolean enabled) {
    String url = sqs.createQueue(r -> r.queueName(queue)).queueUrl();
    String arn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes().get(QueueAttributeName.QUEUE_ARN);
    return lambda.createEventSourceMapping(r -> r.functionName(function).eventSourceArn(arn).enabled(enabled)).uuid();
  }

  private String state(String uuid) {
    return lambda.getEventSourceMapping(r -> r.uuid(uuid)).state();
  }

  private Map<String, String> tags(String arn) {
    return lambda.listTags(r -> r.resource(arn)).tags();
  }

  private void service(String cluster, String name, int desired) {
    ecs.createCluster(r -> r.clusterName(cluster));
    ecs.registerTaskDefinition(r -> r.family(name).containerDefinitions(c -> c.name(name).image("nginx").memory(128)));
    ecs.createService(r -> r.cluster(cluster).serviceName(name).taskDefinition(name).desiredCount(desired));
  }

  private int desiredCount(String cluster, String name) {
    return ecs.describeServices(r -> r.cluster(cluster).services(name)).services().getFirst().desiredCount();
  }

  @Test
  void lambdaConsumerPauseRecordsConcurrencyAndMappingsAndResumeRestoresExactlyThose() throws Exception {
    String arn = functions.function("orders-consumer", 5);
    String sqsMapping = mapping("orders-consumer", "orders", true);
    String idleMapping = mapping("orders-consumer", "replays", false);
    var pause = new PauseWritersHandler(writers);
    var input = new PauseWritersHandler.Input(List.of(new WriterSpec("lambda", "orders-consumer", null)));

    var paused = pause.handleRequest(input, null);
    assertThat(paused.paused()).singleElement().satisfies(w -> {
      var consumer = (PausedWriter.LambdaConsumer) w;
      assertThat(consumer.reservedConcurrency()).isEqualTo(5);
      assertThat(consumer.eventSourceMappings()).containsExactlyInAnyOrder(
          new PausedWriter.EventSourceMapping(sqsMapping, true), new PausedWriter.EventSourceMapping(idleMapping, false));
    });
    assertThat(functions.reservedConcurrency("orders-consumer")).isZero();
    assertThat(state(sqsMapping)).isEqualTo("Disabled");
    assertThat(recorded.sent(UpdateEventSourceMappingRequest.class)).extracting(UpdateEventSourceMappingRequest::uuid)
        .as("the mapping that was already disabled is not touched").containsExactly(sqsMapping);

    var repeated = pause.handleRequest(input, null);
    assertThat(repeated.paused()).as("a retried pause returns the state from before the first pause")
        .isEqualTo(paused.paused());

    // The paused state travels through the machine as JSON.
    var json = Json.mapper().valueToTree(repeated);
    assertThat(json.at("/paused/0/type").asText()).isEqualTo("lambda");
    var roundTripped = Json.mapper().treeToValue(json, ResumeWritersHandler.Input.class);
    recorded.clear();
    new ResumeWritersHandler(writers).handleRequest(roundTripped, null);
    new ResumeWritersHandler(writers).handleRequest(roundTripped, null);

    assertThat(functions.reservedConcurrency("orders-consumer")).isEqualTo(5);
    assertThat(state(sqsMapping)).isEqualTo("Enabled");
    assertThat(state(idleMapping)).isEqualTo("Disabled");
    assertThat(tags(arn)).doesNotContainKey(AwsWriters.TAG);
    assertThat(recorded.sent(PutFunctionConcurrencyRequest.class))
        .extracting(PutFunctionConcurrencyRequest::reservedConcurrentExecutions).containsExactly(5, 5);
  }

  @Test
  void aPauseCutOffAfterRecordingFinishesOnRetryAndStillReturnsTheOriginalState() {
    String arn = functions.function("orders-consumer", 0);
    String sqsMapping = mapping("orders-consumer", "orders", true);
    // Where an earlier call stopped: prior state tagged, concurrency already 0, mapping still enabled.
    lambda.tagResource(r -> r.resource(arn).tags(Map.of(AwsWriters.TAG, "rc=5;on=" + sqsMapping)));

    var paused = new PauseWritersHandler(writers)
        .handleRequest(new PauseWritersHandler.Input(List.of(new WriterSpec("lambda", "orders-consumer", null))), null);

    assertThat(paused.paused()).containsExactly(new PausedWriter.LambdaConsumer("orders-consumer", 5,
        List.of(new PausedWriter.EventSourceMapping(sqsMapping, true))));
    assertThat(state(sqsMapping)).isEqualTo("Disabled");
    assertThat(tags(arn).get(AwsWriters.TAG)).as("the recorded state is not overwritten").isEqualTo("rc=5;on=" + sqsMapping);
  }

  @Test
  void aConsumerWithoutReservedConcurrencyGetsItsReservationRemovedOnResume() {
    functions.function("free", null);
    var paused = new PauseWritersHandler(writers)
        .handleRequest(new PauseWritersHandler.Input(List.of(new WriterSpec("lambda", "free", null))), null);
    assertThat(functions.reservedConcurrency("free")).isZero();
    new ResumeWritersHandler(writers).handleRequest(new ResumeWritersHandler.Input(paused.paused()), null);
    assertThat(functions.reservedConcurrency("free")).isNull();
  }

  @Test
  void ecsServicePauseScalesToZeroAndResumeRestoresTheDesiredCount() {
    service("prod", "api", 3);
    var pause = new PauseWritersHandler(writers);
    var input = new PauseWritersHandler.Input(List.of(new WriterSpec("ecs", "api", "prod")));

    var paused = pause.handleRequest(input, null);
    var repeated = pause.handleRequest(input, null);
    assertThat(desiredCount("prod", "api")).isZero();
    new ResumeWritersHandler(writers).handleRequest(new ResumeWritersHandler.Input(repeated.paused()), null);

    assertThat(paused.paused()).containsExactly(new PausedWriter.EcsService("api", "prod", 3));
    assertThat(repeated.paused()).isEqualTo(paused.paused());
    assertThat(desiredCount("prod", "api")).isEqualTo(3);
    String serviceArn = ecs.describeServices(r -> r.cluster("prod").services("api")).services().getFirst().serviceArn();
    assertThat(ecs.listTagsForResource(r -> r.resourceArn(serviceArn)).tags()).isEmpty();
    assertThat(recorded.sent(UpdateServiceRequest.class)).extracting(UpdateServiceRequest::desiredCount)
        .containsExactly(0, 0, 3);
  }

  @Test
  void missingWritersFailWithWriterNotFoundBeforeAnyChange() {
    ecs.createCluster(r -> r.clusterName("prod"));
    assertThatThrownBy(() -> writers.pause(new WriterSpec("lambda", "ghost", null)))
        .isInstanceOf(WriterNotFound.class).hasMessageContaining("ghost");
    assertThatThrownBy(() -> writers.pause(new WriterSpec("ecs", "api", "prod")))
        .isInstanceOf(WriterNotFound.class).hasMessageContaining("MISSING");
    assertThatThrownBy(() -> writers.pause(new WriterSpec("ecs", "api", "missing-cluster")))
        .isInstanceOf(WriterNotFound.class).hasMessageContaining("missing-cluster");
    assertThat(recorded.sent(UpdateServiceRequest.class)).isEmpty();
  }
}
