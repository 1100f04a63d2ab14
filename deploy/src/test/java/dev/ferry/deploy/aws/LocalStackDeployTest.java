package dev.ferry.deploy.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ferry.deploy.AuditRow;
import dev.ferry.deploy.CompiledMachine;
import dev.ferry.deploy.DeployReport;
import dev.ferry.deploy.DeployRequest;
import dev.ferry.deploy.FerryException;
import dev.ferry.deploy.InputDocument;
import dev.ferry.deploy.Machines;
import dev.ferry.deploy.RunStatus;
import dev.ferry.deploy.StartRequest;
import dev.ferry.deploy.StartedExecution;
import dev.ferry.deploy.TableNames;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Deploys and runs a machine on LocalStack's emulated Step Functions, DynamoDB, IAM and STS.
 * Needs a Docker engine; without one the test is skipped with that reason.
 */
class LocalStackDeployTest {

  @Test
  void deploysIdempotentlyRunsToSuccessAndDoesNotStartTheSameRequestTwice() throws Exception {
    assumeTrue(DockerClientFactory.instance().isDockerAvailable(),
        "no Docker engine is reachable, so LocalStack cannot start; this test runs where Docker is available");
    try (LocalStackContainer localStack = new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4"))) {
      localStack.start();
      try (AwsClients clients = new AwsClients(new AwsSettings(
          Optional.of(Region.of(localStack.getRegion())),
          Optional.of(localStack.getEndpoint()),
          Optional.of(StaticCredentialsProvider.create(
              AwsBasicCredentials.create(localStack.getAccessKey(), localStack.getSecretKey()))),
          List.of()))) {
        deployAndRun(new AwsTarget(clients, TableNames.DEFAULT));
      }
    }
  }

  private static void deployAndRun(AwsTarget target) throws InterruptedException {
    CompiledMachine machine = CompiledMachine.parse("localstack-smoke", Machines.text("localstack-smoke.asl.json"));
    DeployRequest request = new DeployRequest(machine, Optional.empty(), List.of(), Optional.empty());

    target.ensureInfrastructure(request);
    DeployReport again = target.ensureInfrastructure(request);
    assertThat(again.changedAnything()).as(again.changes().toString()).isFalse();

    InputDocument input = new InputDocument("orders-db", "ci", "api", InputDocument.parameters(List.of()));
    StartRequest start = new StartRequest("localstack-smoke", input, Optional.of("smoke-1"));
    StartedExecution started = target.start(start);
    assertThat(started.alreadyStarted()).isFalse();

    RunStatus status = awaitEnd(target, "orders-db", Duration.ofSeconds(60));
    assertThat(status.execution()).hasValueSatisfying(e -> assertThat(e.status()).isEqualTo("SUCCEEDED"));
    assertThat(status.progress().status()).isEqualTo("SUCCEEDED");
    assertThat(status.progress().lockHolder()).isEmpty();
    assertThat(target.audit("orders-db", Optional.empty())).extracting(AuditRow::entry)
        .containsExactly(started.name() + "#000#run#SUCCEEDED");

    StartedExecution repeated = target.start(start);
    assertThat(repeated.alreadyStarted()).isTrue();
    assertThat(repeated.executionId()).isEqualTo(started.executionId());
  }

  private static RunStatus awaitEnd(AwsTarget target, String targetName, Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      try {
        RunStatus status = target.status(targetName);
        if (status.isTerminal() || Instant.now().isAfter(deadline)) {
          return status;
        }
      } catch (FerryException noProgressRowYet) {
        if (Instant.now().isAfter(deadline)) {
          throw noProgressRowYet;
        }
      }
      Thread.sleep(500);
    }
  }
}
