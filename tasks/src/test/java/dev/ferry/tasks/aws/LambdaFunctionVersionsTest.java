package dev.ferry.tasks.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import Ferry.FunctionNotFound;
import dev.ferry.tasks.lambdaversion.AliasRollbackHandler;
import dev.ferry.tasks.lambdaversion.PublishVersionHandler;
import dev.ferry.testing.aws.Moto;
import dev.ferry.testing.aws.MotoServer;
import dev.ferry.testing.aws.RecordedRequests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.PublishVersionRequest;
import software.amazon.awssdk.services.lambda.model.UpdateAliasRequest;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionCodeRequest;
import software.amazon.awssdk.services.s3.S3Client;

/** Publishing a version behind an alias and rolling the alias back, through the real Lambda client against moto. */
@ExtendWith(Moto.class)
class LambdaFunctionVersionsTest {

  private final RecordedRequests recorded = new RecordedRequests();
  private LambdaClient lambda;
  private LambdaFunctionVersions versions;

  @BeforeEach
  void connect(MotoServer moto) {
    lambda = moto.client(LambdaClient.builder(), recorded);
    versions = new LambdaFunctionVersions(lambda);
    new LambdaFixtures(moto, lambda).function("aurora-restore", null);
    publish("1.0.3");
    publish("1.0.4");
    lambda.createAlias(r -> r.functionName("aurora-restore").name("live").functionVersion("2"));
    try (S3Client s3 = moto.client(S3Client.builder().forcePathStyle(true))) {
      s3.createBucket(r -> r.bucket("artifacts"));
      s3.putObject(r -> r.bucket("artifacts").key("restore-2.0.1.zip"), RequestBody.fromBytes(LambdaFixtures.zip("2.0.1")));
    }
    recorded.clear();
  }

  @AfterEach
  void close() {
    lambda.close();
  }

  /** Lambda publishes a version only when the code or configuration changed since the last one. */
  private void publish(String description) {
    lambda.updateFunctionCode(r -> r.functionName("aurora-restore")
        .zipFile(software.amazon.awssdk.core.SdkBytes.fromByteArray(LambdaFixtures.zip(description))));
    lambda.publishVersion(r -> r.functionName("aurora-restore").description(description));
  }

  private String alias() {
    return lambda.getAlias(r -> r.functionName("aurora-restore").name("live")).functionVersion();
  }

  @Test
  void publishDeploysPublishesAndMovesTheAliasAndARepeatDoesNothingTwice() {
    var publish = new PublishVersionHandler(versions);
    var input = new PublishVersionHandler.Input("aurora-restore", "live", "artifacts", "restore-2.0.1.zip", "run-5");

    var first = publish.handleRequest(input, null);
    var again = publish.handleRequest(input, null);

    assertThat(first).isEqualTo(new PublishVersionHandler.Output("2", "3"));
    assertThat(again).as("the repeat still knows the version to roll back to").isEqualTo(first);
    assertThat(alias()).isEqualTo("3");
    assertThat(lambda.listVersionsByFunction(r -> r.functionName("aurora-restore")).versions())
        .extracting(FunctionConfiguration::version, FunctionConfiguration::description)
        .contains(org.assertj.core.groups.Tuple.tuple("3", "ferry run-5 s3://artifacts/restore-2.0.1.zip previous 2"));
    assertThat(recorded.sent(UpdateFunctionCodeRequest.class)).singleElement().satisfies(r -> {
      assertThat(r.s3Bucket()).isEqualTo("artifacts");
      assertThat(r.s3Key()).isEqualTo("restore-2.0.1.zip");
    });
    assertThat(recorded.sent(PublishVersionRequest.class)).singleElement()
        .satisfies(r -> assertThat(r.description()).isEqualTo("ferry run-5 s3://artifacts/restore-2.0.1.zip previous 2"));
    assertThat(recorded.sent(UpdateAliasRequest.class)).singleElement()
        .satisfies(r -> assertThat(r.functionVersion()).isEqualTo("3"));
  }

  @Test
  void aPublishCutOffBeforeTheAliasMovedIsCompletedByTheRetry() {
    // The earlier call deployed and published version 3, then stopped before moving the alias.
    publish("ferry run-6 s3://artifacts/restore-2.0.1.zip previous 2");
    recorded.clear();

    var out = new PublishVersionHandler(versions)
        .handleRequest(new PublishVersionHandler.Input("aurora-restore", "live", "artifacts", "restore-2.0.1.zip", "run-6"), null);

    assertThat(out).isEqualTo(new PublishVersionHandler.Output("2", "3"));
    assertThat(alias()).isEqualTo("3");
    assertThat(recorded.sent(UpdateFunctionCodeRequest.class)).isEmpty();
    assertThat(recorded.sent(PublishVersionRequest.class)).isEmpty();
  }

  @Test
  void oneExecutionPublishingTwoCodesPublishesTwoVersions(MotoServer moto) {
    try (S3Client s3 = moto.client(S3Client.builder().forcePathStyle(true))) {
      s3.putObject(r -> r.bucket("artifacts").key("2.0/function.zip"), RequestBody.fromBytes(LambdaFixtures.zip("2.0")));
      s3.putObject(r -> r.bucket("artifacts").key("3.0/function.zip"), RequestBody.fromBytes(LambdaFixtures.zip("3.0")));
    }
    var publish = new PublishVersionHandler(versions);

    var toTwo = publish.handleRequest(new PublishVersionHandler.Input("aurora-restore", "live", "artifacts", "2.0/function.zip", "run-8"), null);
    var toThree = publish.handleRequest(new PublishVersionHandler.Input("aurora-restore", "live", "artifacts", "3.0/function.zip", "run-8"), null);

    assertThat(toTwo).isEqualTo(new PublishVersionHandler.Output("2", "3"));
    assertThat(toThree).as("the second hop's code is published, not found as the first's").isEqualTo(new PublishVersionHandler.Output("3", "4"));
    assertThat(alias()).isEqualTo("4");
  }

  @Test
  void rollbackPointsTheAliasBackAndMissingFunctionsAreFunctionNotFound() {
    new PublishVersionHandler(versions)
        .handleRequest(new PublishVersionHandler.Input("aurora-restore", "live", "artifacts", "restore-2.0.1.zip", "run-7"), null);
    assertThat(alias()).isEqualTo("3");

    var out = new AliasRollbackHandler(versions).handleRequest(new AliasRollbackHandler.Input("aurora-restore", "live", "2"), null);

    assertThat(out.version()).isEqualTo("2");
    assertThat(alias()).isEqualTo("2");
    assertThatThrownBy(() -> new AliasRollbackHandler(versions)
        .handleRequest(new AliasRollbackHandler.Input("ghost", "live", "2"), null))
        .isInstanceOf(FunctionNotFound.class).hasMessageContaining("ghost");
    assertThatThrownBy(() -> new PublishVersionHandler(versions)
        .handleRequest(new PublishVersionHandler.Input("ghost", "live", "b", "k", "r"), null))
        .isInstanceOf(FunctionNotFound.class);
  }
}
