package dev.ferry.tasks.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import Ferry.FunctionNotFound;
import dev.ferry.tasks.lambdaversion.AliasRollbackHandler;
import dev.ferry.tasks.lambdaversion.PublishVersionHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.PublishVersionRequest;
import software.amazon.awssdk.services.lambda.model.UpdateAliasRequest;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionCodeRequest;

/** Publishing a version behind an alias and rolling the alias back, through the real Lambda client. */
class LambdaFunctionVersionsTest {

  private final FakeLambda fake = new FakeLambda();
  private final AwsStub stub = new AwsStub(fake::handle);
  private final LambdaClient lambda = stub.client(LambdaClient.builder());
  private final LambdaFunctionVersions versions = new LambdaFunctionVersions(lambda);

  @AfterEach
  void close() {
    lambda.close();
    stub.close();
  }

  private FakeLambda.Function restoreFunction() {
    FakeLambda.Function f = fake.function("aurora-restore", null);
    f.versions.add("initial");
    f.versions.add("1.0.3");
    f.aliases.put("live", "2");
    return f;
  }

  @Test
  void publishDeploysPublishesAndMovesTheAliasAndARepeatDoesNothingTwice() {
    FakeLambda.Function f = restoreFunction();
    var publish = new PublishVersionHandler(versions);
    var input = new PublishVersionHandler.Input("aurora-restore", "live", "artifacts", "restore-2.0.1.zip", "run-5");

    var first = publish.handleRequest(input, null);
    var again = publish.handleRequest(input, null);

    assertThat(first).isEqualTo(new PublishVersionHandler.Output("2", "3"));
    assertThat(again).as("the repeat still knows the version to roll back to").isEqualTo(first);
    assertThat(f.aliases.get("live")).isEqualTo("3");
    assertThat(stub.sent(UpdateFunctionCodeRequest.class)).singleElement().satisfies(r -> {
      assertThat(r.s3Bucket()).isEqualTo("artifacts");
      assertThat(r.s3Key()).isEqualTo("restore-2.0.1.zip");
    });
    assertThat(stub.sent(PublishVersionRequest.class)).singleElement()
        .satisfies(r -> assertThat(r.description()).isEqualTo("ferry run-5 s3://artifacts/restore-2.0.1.zip previous 2"));
    assertThat(stub.sent(UpdateAliasRequest.class)).singleElement()
        .satisfies(r -> assertThat(r.functionVersion()).isEqualTo("3"));
  }

  @Test
  void aPublishCutOffBeforeTheAliasMovedIsCompletedByTheRetry() {
    FakeLambda.Function f = restoreFunction();
    // The earlier call deployed and published version 3, then stopped before moving the alias.
    f.versions.add("ferry run-6 s3://artifacts/k.zip previous 2");

    var out = new PublishVersionHandler(versions)
        .handleRequest(new PublishVersionHandler.Input("aurora-restore", "live", "artifacts", "k.zip", "run-6"), null);

    assertThat(out).isEqualTo(new PublishVersionHandler.Output("2", "3"));
    assertThat(f.aliases.get("live")).isEqualTo("3");
    assertThat(stub.sent(UpdateFunctionCodeRequest.class)).isEmpty();
    assertThat(stub.sent(PublishVersionRequest.class)).isEmpty();
  }

  @Test
  void oneExecutionPublishingTwoCodesPublishesTwoVersions() {
    FakeLambda.Function f = restoreFunction();
    var publish = new PublishVersionHandler(versions);

    var toTwo = publish.handleRequest(new PublishVersionHandler.Input("aurora-restore", "live", "artifacts", "2.0/function.zip", "run-8"), null);
    var toThree = publish.handleRequest(new PublishVersionHandler.Input("aurora-restore", "live", "artifacts", "3.0/function.zip", "run-8"), null);

    assertThat(toTwo).isEqualTo(new PublishVersionHandler.Output("2", "3"));
    assertThat(toThree).as("the second hop's code is published, not found as the first's").isEqualTo(new PublishVersionHandler.Output("3", "4"));
    assertThat(f.aliases.get("live")).isEqualTo("4");
  }

  @Test
  void rollbackPointsTheAliasBackAndMissingFunctionsAreFunctionNotFound() {
    FakeLambda.Function f = restoreFunction();
    f.aliases.put("live", "3");
    f.versions.add("ferry run-7 previous 2");

    var out = new AliasRollbackHandler(versions).handleRequest(new AliasRollbackHandler.Input("aurora-restore", "live", "2"), null);

    assertThat(out.version()).isEqualTo("2");
    assertThat(f.aliases.get("live")).isEqualTo("2");
    assertThatThrownBy(() -> new AliasRollbackHandler(versions)
        .handleRequest(new AliasRollbackHandler.Input("ghost", "live", "2"), null))
        .isInstanceOf(FunctionNotFound.class).hasMessageContaining("ghost");
    assertThatThrownBy(() -> new PublishVersionHandler(versions)
        .handleRequest(new PublishVersionHandler.Input("ghost", "live", "b", "k", "r"), null))
        .isInstanceOf(FunctionNotFound.class);
  }
}
