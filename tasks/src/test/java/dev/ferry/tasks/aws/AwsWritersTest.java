package dev.ferry.tasks.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import Ferry.WriterNotFound;
import dev.ferry.tasks.Json;
import dev.ferry.tasks.writers.PauseWritersHandler;
import dev.ferry.tasks.writers.PausedWriter;
import dev.ferry.tasks.writers.ResumeWritersHandler;
import dev.ferry.tasks.writers.WriterSpec;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.PutFunctionConcurrencyRequest;
import software.amazon.awssdk.services.lambda.model.UpdateEventSourceMappingRequest;

/** Pausing and resuming Lambda consumers and ECS services through the real SDK clients. */
class AwsWritersTest {

  private final FakeLambda lambdaFake = new FakeLambda();
  private final FakeEcs ecsFake = new FakeEcs();
  private final AwsStub lambdaStub = new AwsStub(lambdaFake::handle);
  private final AwsStub ecsStub = new AwsStub(ecsFake::handle);
  private final LambdaClient lambda = lambdaStub.client(LambdaClient.builder());
  private final EcsClient ecs = ecsStub.client(EcsClient.builder());
  private final AwsWriters writers = new AwsWriters(lambda, ecs);

  @AfterEach
  void close() {
    lambda.close();
    ecs.close();
    lambdaStub.close();
    ecsStub.close();
  }

  @Test
  void lambdaConsumerPauseRecordsConcurrencyAndMappingsAndResumeRestoresExactlyThose() throws Exception {
    lambdaFake.function("orders-consumer", 5);
    lambdaFake.mappings.put("m-sqs", new String[] {"orders-consumer", "Enabled"});
    lambdaFake.mappings.put("m-kinesis", new String[] {"orders-consumer", "Disabled"});
    var pause = new PauseWritersHandler(writers);
    var input = new PauseWritersHandler.Input(List.of(new WriterSpec("lambda", "orders-consumer", null)));

    var paused = pause.handleRequest(input, null);
    var expected = new PausedWriter.LambdaConsumer("orders-consumer", 5, List.of(
        new PausedWriter.EventSourceMapping("m-sqs", true), new PausedWriter.EventSourceMapping("m-kinesis", false)));
    assertThat(paused.paused()).containsExactly(expected);
    assertThat(lambdaFake.functions.get("orders-consumer").reservedConcurrency).isZero();
    assertThat(lambdaFake.mappings.get("m-sqs")[1]).isEqualTo("Disabled");
    assertThat(lambdaStub.sent(UpdateEventSourceMappingRequest.class)).extracting(UpdateEventSourceMappingRequest::uuid)
        .as("the mapping that was already disabled is not touched").containsExactly("m-sqs");

    var repeated = pause.handleRequest(input, null);
    assertThat(repeated.paused()).as("a retried pause returns the state from before the first pause")
        .containsExactly(expected);

    // The paused state travels through the machine as JSON.
    var json = Json.mapper().valueToTree(repeated);
    assertThat(json.at("/paused/0/type").asText()).isEqualTo("lambda");
    var roundTripped = Json.mapper().treeToValue(json, ResumeWritersHandler.Input.class);
    lambdaStub.clear();
    new ResumeWritersHandler(writers).handleRequest(roundTripped, null);
    new ResumeWritersHandler(writers).handleRequest(roundTripped, null);

    assertThat(lambdaFake.functions.get("orders-consumer").reservedConcurrency).isEqualTo(5);
    assertThat(lambdaFake.mappings.get("m-sqs")[1]).isEqualTo("Enabled");
    assertThat(lambdaFake.mappings.get("m-kinesis")[1]).isEqualTo("Disabled");
    assertThat(lambdaFake.functions.get("orders-consumer").tags).doesNotContainKey(AwsWriters.TAG);
    assertThat(lambdaStub.sent(PutFunctionConcurrencyRequest.class))
        .extracting(PutFunctionConcurrencyRequest::reservedConcurrentExecutions).containsExactly(5, 5);
  }

  @Test
  void aPauseCutOffAfterRecordingFinishesOnRetryAndStillReturnsTheOriginalState() {
    FakeLambda.Function f = lambdaFake.function("orders-consumer", 0);
    lambdaFake.mappings.put("m-sqs", new String[] {"orders-consumer", "Enabled"});
    // Where an earlier call stopped: prior state tagged, concurrency already 0, mapping still enabled.
    f.tags.put(AwsWriters.TAG, "rc=5;on=m-sqs");

    var paused = new PauseWritersHandler(writers)
        .handleRequest(new PauseWritersHandler.Input(List.of(new WriterSpec("lambda", "orders-consumer", null))), null);

    assertThat(paused.paused()).containsExactly(new PausedWriter.LambdaConsumer("orders-consumer", 5,
        List.of(new PausedWriter.EventSourceMapping("m-sqs", true))));
    assertThat(lambdaFake.mappings.get("m-sqs")[1]).isEqualTo("Disabled");
    assertThat(f.tags.get(AwsWriters.TAG)).as("the recorded state is not overwritten").isEqualTo("rc=5;on=m-sqs");
  }

  @Test
  void aConsumerWithoutReservedConcurrencyGetsItsReservationRemovedOnResume() {
    lambdaFake.function("free", null);
    var paused = new PauseWritersHandler(writers)
        .handleRequest(new PauseWritersHandler.Input(List.of(new WriterSpec("lambda", "free", null))), null);
    assertThat(lambdaFake.functions.get("free").reservedConcurrency).isZero();
    new ResumeWritersHandler(writers).handleRequest(new ResumeWritersHandler.Input(paused.paused()), null);
    assertThat(lambdaFake.functions.get("free").reservedConcurrency).isNull();
  }

  @Test
  void ecsServicePauseScalesToZeroAndResumeRestoresTheDesiredCount() {
    ecsFake.service("prod", "api", 3);
    var pause = new PauseWritersHandler(writers);
    var input = new PauseWritersHandler.Input(List.of(new WriterSpec("ecs", "api", "prod")));

    var paused = pause.handleRequest(input, null);
    var repeated = pause.handleRequest(input, null);
    assertThat(ecsFake.services.get(FakeEcs.arn("prod", "api")).desiredCount).isZero();
    new ResumeWritersHandler(writers).handleRequest(new ResumeWritersHandler.Input(repeated.paused()), null);

    assertThat(paused.paused()).containsExactly(new PausedWriter.EcsService("api", "prod", 3));
    assertThat(repeated.paused()).isEqualTo(paused.paused());
    assertThat(ecsFake.services.get(FakeEcs.arn("prod", "api")).desiredCount).isEqualTo(3);
    assertThat(ecsFake.services.get(FakeEcs.arn("prod", "api")).tags).isEmpty();
    assertThat(ecsStub.sent(UpdateServiceRequest.class)).extracting(UpdateServiceRequest::desiredCount)
        .containsExactly(0, 0, 3);
  }

  @Test
  void missingWritersFailWithWriterNotFoundBeforeAnyChange() {
    assertThatThrownBy(() -> writers.pause(new WriterSpec("lambda", "ghost", null)))
        .isInstanceOf(WriterNotFound.class).hasMessageContaining("ghost");
    assertThatThrownBy(() -> writers.pause(new WriterSpec("ecs", "api", "prod")))
        .isInstanceOf(WriterNotFound.class).hasMessageContaining("MISSING");
    assertThatThrownBy(() -> writers.pause(new WriterSpec("ecs", "api", "missing-cluster")))
        .isInstanceOf(WriterNotFound.class).hasMessageContaining("missing-cluster");
    assertThat(ecsStub.sent(UpdateServiceRequest.class)).isEmpty();
  }
}
