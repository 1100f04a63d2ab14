package dev.ferry.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.deploy.InputDocument;
import dev.ferry.deploy.StartRequest;
import dev.ferry.engine.ExecutionResult;
import dev.ferry.engine.ExecutionStatus;
import dev.ferry.tasks.local.LocalSecrets;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several {@code ferry} processes on one local state folder: a migration runs in this JVM while
 * other OS processes open the folder, read the status and the audit trail and close it, in a loop.
 * Every audit row the run wrote is there at the end, and one server process owned the database file.
 */
class TwoProcessesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LINGER = "PT1S";

  @TempDir Path state;
  private final List<Process> readers = new ArrayList<>();

  @AfterEach
  void stopReaders() throws Exception {
    for (Process reader : readers) {
      reader.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    // The server stops once nobody uses the folder: wait for it so no process outlives the test.
    Instant deadline = Instant.now().plusSeconds(30);
    while (Files.exists(state.resolve("dynamodb.endpoint")) && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
    }
  }

  @Test
  void aRunWatchedByOtherProcessesKeepsEveryAuditRow() throws Exception {
    System.setProperty("ferry.local.dynamodb.linger", LINGER);
    Path stop = state.resolve("stop-readers");
    // The readers start first, so one of them, not this JVM, starts the server the run then uses.
    for (int i = 0; i < 2; i++) {
      readers.add(reader(stop, i));
    }
    awaitServer();

    ExecutionResult result;
    List<String> rows;
    try (LocalTarget local = LocalTarget.open(LocalSettings.in(state))) {
      OrdersDb.atVersionOne(local);
      LocalRun run = local.run(request());
      result = run.await(Duration.ofMinutes(3));
      rows = local.audit("orders-db", Optional.of(run.name())).stream().map(r -> r.step() + " " + r.phase()).toList();
    }
    Files.createFile(stop);
    List<String> reports = new ArrayList<>();
    for (Process reader : readers) {
      assertThat(reader.waitFor(60, TimeUnit.SECONDS)).as("reader ended").isTrue();
      String out = new String(reader.getInputStream().readAllBytes()).trim();
      assertThat(reader.exitValue()).as(out).isZero();
      reports.add(out);
    }

    assertThat(result.status()).as("%s", result).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(rows).containsExactly("run STARTED", "check-schema-version STARTED", "check-schema-version SUCCEEDED", "pause-writers STARTED", "pause-writers SUCCEEDED",
        "snapshot-database STARTED", "snapshot-database SUCCEEDED", "capture-baseline STARTED", "capture-baseline SUCCEEDED",
        "apply-schema-migrations STARTED", "apply-schema-migrations SUCCEEDED", "verify-schema STARTED",
        "verify-schema SUCCEEDED", "resume-writers STARTED", "resume-writers SUCCEEDED", "run SUCCEEDED");
    assertThat(reports).allSatisfy(r -> assertThat(r).matches("reads=[1-9][0-9]* live=[1-9][0-9]*"));
    assertThat(Files.readString(state.resolve("dynamodb.log")))
        .as("one server owned the database file").containsOnlyOnce("serving ").doesNotContain("SQLiteBusy");

    // Everyone gone: the server stops, and the next process starts another on the same rows.
    awaitNoServer();
    try (LocalTarget later = LocalTarget.open(LocalSettings.in(state))) {
      assertThat(later.audit("orders-db", Optional.empty())).hasSize(rows.size());
      assertThat(later.status("orders-db").progress().status()).isEqualTo("SUCCEEDED");
    }
  }

  private Process reader(Path stop, int index) throws Exception {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseSerialGC", "-Xmx256m", "-Dferry.local.dynamodb.linger=" + LINGER, "-cp", classPath,
        StatusReader.class.getName(), state.toString(), "orders-db", stop.toString())
        .redirectError(state.resolve("reader-" + index + ".err").toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .start();
  }

  private void awaitServer() throws Exception {
    Instant deadline = Instant.now().plusSeconds(90);
    while (!Files.exists(state.resolve("dynamodb.endpoint"))) {
      for (Process reader : readers) {
        assertThat(reader.isAlive()).as("a reader runs: %s", diagnostics()).isTrue();
      }
      assertThat(Instant.now()).as("a reader started the server: %s", diagnostics()).isBefore(deadline);
      Thread.sleep(50);
    }
  }

  /** What the readers and the server said, for a failure message. */
  private String diagnostics() throws Exception {
    StringBuilder out = new StringBuilder();
    for (String name : List.of("reader-0.err", "reader-1.err", "dynamodb.log")) {
      Path file = state.resolve(name);
      out.append('\n').append(name).append(": ").append(Files.exists(file) ? Files.readString(file) : "(none)");
    }
    return out.toString();
  }

  private void awaitNoServer() throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(30);
    while (Files.exists(state.resolve("dynamodb.endpoint"))) {
      assertThat(Instant.now()).as("the server stopped once unused").isBefore(deadline);
      Thread.sleep(50);
    }
  }

  private static StartRequest request() {
    ObjectNode parameters = JSON.createObjectNode()
        .put("dbInstanceIdentifier", "orders-db")
        .put("secretArn", LocalSecrets.arnFor("orders-db"))
        .put("targetVersion", "2");
    parameters.putArray("writers").addObject().put("type", "local").put("name", "orders-db-writer");
    parameters.putObject("expectedColumns").putArray("orders").add("status");
    return new StartRequest("postgres-schema-upgrade", new InputDocument("orders-db", "test", "api", parameters), Optional.of("two-processes"));
  }
}
