package dev.ferry.tasks.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import Ferry.FunctionNotFound;
import dev.ferry.tasks.Json;
import dev.ferry.tasks.LocalEnvironment;
import dev.ferry.tasks.TaskCatalog;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalFunctionVersionsTest {

  @Test
  void publishRepeatAndRollbackThroughTheCatalogue() {
    var env = new LocalEnvironment(null, null);
    env.functionVersions().register("aurora-restore", "live", "s3://artifacts/1.0.3.zip");
    var publish = TaskCatalog.function("ferry-lambda-version-publish").orElseThrow().local(env);
    var rollback = TaskCatalog.function("ferry-lambda-alias-rollback").orElseThrow().local(env);
    var payload = Json.mapper().valueToTree(Map.of("functionName", "aurora-restore", "alias", "live",
        "codeS3Bucket", "artifacts", "codeS3Key", "2.0.1.zip", "executionName", "run-1"));

    var first = publish.apply(payload);
    var again = publish.apply(payload);
    assertThat(env.functionVersions().aliasVersion("aurora-restore", "live")).isEqualTo("2");
    rollback.apply(Json.mapper().valueToTree(Map.of("functionName", "aurora-restore", "alias", "live",
        "previousVersion", first.get("previousVersion").asText())));

    assertThat(first.get("previousVersion").asText()).isEqualTo("1");
    assertThat(first.get("newVersion").asText()).isEqualTo("2");
    assertThat(again).isEqualTo(first);
    assertThat(env.functionVersions().aliasVersion("aurora-restore", "live")).isEqualTo("1");
    assertThatThrownBy(() -> rollback.apply(Json.mapper().valueToTree(Map.of("functionName", "aurora-restore",
        "alias", "live", "previousVersion", "9")))).isInstanceOf(FunctionNotFound.class).hasMessageContaining("no version 9");
  }

  @Test
  void oneExecutionPublishingTwoCodesPublishesTwoVersions() {
    var versions = new LocalFunctionVersions();
    versions.register("aurora-restore", "live", "s3://artifacts/1.0/function.zip");

    var toTwo = versions.publish("aurora-restore", "live", "artifacts", "2.0/function.zip", "run-1");
    var toThree = versions.publish("aurora-restore", "live", "artifacts", "3.0/function.zip", "run-1");
    var toThreeAgain = versions.publish("aurora-restore", "live", "artifacts", "3.0/function.zip", "run-1");

    assertThat(toTwo.newVersion()).isEqualTo("2");
    assertThat(toThree.previousVersion()).isEqualTo("2");
    assertThat(toThree.newVersion()).isEqualTo("3");
    assertThat(toThreeAgain).isEqualTo(toThree);
    assertThat(versions.aliasCode("aurora-restore", "live")).isEqualTo("s3://artifacts/3.0/function.zip");
  }
}
