package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.deploy.AuditRow;
import dev.ferry.deploy.CompiledMachine;
import dev.ferry.deploy.DeployRequest;
import dev.ferry.deploy.TableNames;
import dev.ferry.deploy.aws.Tables;
import dev.ferry.deploy.local.ApproveCutoverRuns;
import dev.ferry.deploy.local.LocalRun;
import dev.ferry.deploy.local.LocalSettings;
import dev.ferry.deploy.local.LocalTarget;
import dev.ferry.dsl.Migration;
import dev.ferry.dsl.Step;
import dev.ferry.dsl.compile.Compiler;
import dev.ferry.engine.ExecutionResult;
import dev.ferry.engine.ExecutionStatus;
import dev.ferry.tasks.approval.ApprovalRequestHandler;
import dev.ferry.tasks.local.LocalDynamoDb;
import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Who approved or rejected, and their comment, in the audit trail and the execution history. */
class ApprovalsOnRecordTest {

  private static CompiledMachine approvalOnly() {
    return CompiledMachine.parse("approve-cutover", Compiler.compile(Migration.named("approve-cutover")
        .step(Step.approval("approve-cutover", "Cut over to the new cluster?"))
        .build()).json());
  }

  @Test
  void locallyTheApproverAndTheirCommentAreInTheAuditTrailAndTheHistory() throws Exception {
    try (LocalTarget local = LocalTarget.open(LocalSettings.temporary())) {
      local.ensureInfrastructure(new DeployRequest(approvalOnly(), Optional.empty(), List.of(), Optional.empty()));
      LocalRun approved = ApproveCutoverRuns.start(local, "cluster-a");
      ApproveCutoverRuns.awaitPending(local, "cluster-a");
      local.approve("cluster-a", "alice@example.com", "dashboards green, on call agrees");
      ExecutionResult ok = approved.await(Duration.ofMinutes(1));
      assertThat(ok.status()).as("%s", ok).isEqualTo(ExecutionStatus.SUCCEEDED);
      AuditRow decision = decision(local.audit("cluster-a", Optional.of(approved.name())));
      assertThat(decision).extracting(AuditRow::step, AuditRow::kind, AuditRow::phase, AuditRow::requestedBy, AuditRow::cause)
          .containsExactly("approve-cutover", "approval", "APPROVED", "alice@example.com", "dashboards green, on call agrees");
      assertThat(approved.execution().history()).as("the callback's output is in the history")
          .anySatisfy(e -> assertThat(e.details().toString()).contains("\"decision\":\"APPROVED\"")
              .contains("alice@example.com").contains("dashboards green"));

      LocalRun rejected = ApproveCutoverRuns.start(local, "cluster-b");
      ApproveCutoverRuns.awaitPending(local, "cluster-b");
      local.reject("cluster-b", "bob@example.com", "error rate too high");
      ExecutionResult refused = rejected.await(Duration.ofMinutes(1));
      assertThat(refused.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(refused.error()).isEqualTo("Ferry.Rejected");
      assertThat(refused.cause()).contains("bob@example.com").contains("error rate too high");
      assertThat(decision(local.audit("cluster-b", Optional.of(rejected.name()))))
          .extracting(AuditRow::phase, AuditRow::requestedBy, AuditRow::error, AuditRow::cause)
          .containsExactly("REJECTED", "bob@example.com", "Ferry.Rejected", "error rate too high");
      assertThat(local.store().progress("cluster-b").orElseThrow().pendingApproval()).isEmpty();
    }
  }

  /** moto's SendTaskSuccess and SendTaskFailure accept any token; DynamoDB is moto's own. */
  @Test
  void onAwsFerryAuditShowsWhoApprovedAndWhoRejectedWithTheirComments() throws Exception {
    Assumptions.assumeTrue(motoInstalled(), "python3 with moto is not installed; the AWS approval test needs moto's server");
    int port = freePort();
    Process moto = new ProcessBuilder("python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", Integer.toString(port))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    try {
      awaitPort(port);
      System.setProperty("aws.accessKeyId", "testing");
      System.setProperty("aws.secretAccessKey", "testing");
      URI endpoint = URI.create("http://127.0.0.1:" + port);
      try (DynamoDbClient dynamoDb = LocalDynamoDb.client(endpoint)) {
        Tables tables = new Tables(dynamoDb);
        tables.ensure(TableNames.DEFAULT.progress(), Optional.empty(), false);
        tables.ensure(TableNames.DEFAULT.audit(), Optional.of("entry"), false);
        waitingAt(dynamoDb, "orders-db", "token-1");
        String[] aws = {"--region", "us-east-1", "--endpoint", endpoint.toString()};

        CliRun approve = CliRun.of(concat(new String[] {"approve", "orders-db", "--by", "alice@example.com",
            "--comment", "dashboards green"}, aws));
        assertThat(approve.exitCode()).as(approve.err()).isZero();
        waitingAt(dynamoDb, "orders-db", "token-2");
        CliRun reject = CliRun.of(concat(new String[] {"reject", "orders-db", "--by", "bob@example.com",
            "--comment", "error rate too high"}, aws));
        assertThat(reject.exitCode()).as(reject.err()).isZero();

        CliRun audit = CliRun.of(concat(new String[] {"audit", "orders-db"}, aws));
        assertThat(audit.exitCode()).as(audit.err()).isZero();
        List<String> lines = audit.out().lines().toList();
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("approve-cutover").contains("APPROVED")
            .contains("alice@example.com").contains("dashboards green"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("approve-cutover").contains("REJECTED")
            .contains("bob@example.com").contains("Ferry.Rejected: error rate too high"));
      }
    } finally {
      moto.destroy();
      moto.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** The progress item as the machine leaves it at an approval, and the request the handler stores. */
  private static void waitingAt(DynamoDbClient dynamoDb, String target, String token) {
    String execution = "arn:aws:states:us-east-1:123456789012:execution:ferry-approve-cutover:run-1";
    dynamoDb.putItem(r -> r.tableName(TableNames.DEFAULT.progress()).item(Map.of(
        "target", AttributeValue.fromS(target), "lockHolder", AttributeValue.fromS(execution),
        "status", AttributeValue.fromS("RUNNING"), "migration", AttributeValue.fromS("approve-cutover"),
        "execution", AttributeValue.fromS(execution), "currentStep", AttributeValue.fromS("approve-cutover"),
        "stepIndex", AttributeValue.fromN("1"), "stepCount", AttributeValue.fromN("1"))));
    new ApprovalRequestHandler(dynamoDb, TableNames.DEFAULT.progress(), Clock.systemUTC()).handleRequest(
        new ApprovalRequestHandler.Input(token, target, "approve-cutover", "run-1", "Cut over?"), null);
  }

  private static AuditRow decision(List<AuditRow> rows) {
    return rows.stream().filter(r -> r.kind().equals("approval") && !r.phase().equals("STARTED")
        && (r.phase().equals("APPROVED") || r.phase().equals("REJECTED"))).findFirst().orElseThrow(
            () -> new AssertionError("no decision row in " + rows));
  }

  private static boolean motoInstalled() {
    try {
      Process p = new ProcessBuilder("python3", "-c", "import moto.server").redirectErrorStream(true).start();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void awaitPort(int port) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    while (true) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (Exception e) {
        assertThat(Instant.now()).as("moto answers on port %d", port).isBefore(deadline);
        Thread.sleep(100);
      }
    }
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = new String[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
