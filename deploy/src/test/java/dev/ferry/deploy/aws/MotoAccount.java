package dev.ferry.deploy.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.deploy.CompiledMachine;
import dev.ferry.deploy.DeployReport;
import dev.ferry.deploy.DeployRequest;
import dev.ferry.deploy.InputDocument;
import dev.ferry.deploy.ScheduleSpec;
import dev.ferry.deploy.ShippedMigrations;
import dev.ferry.deploy.TableNames;
import dev.ferry.deploy.TaskFunctions;
import dev.ferry.testing.aws.MotoServer;
import dev.ferry.testing.aws.RecordedRequests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** An AWS target on a moto server, and what the tests read back from the account a deploy leaves. */
final class MotoAccount implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();

  final MotoServer moto;
  final RecordedRequests recorded = new RecordedRequests();
  final AwsClients clients;
  final AwsTarget target;
  private final Path jar;

  MotoAccount(MotoServer moto, Path dir) {
    this.moto = moto;
    this.clients = new AwsClients(new AwsSettings(Optional.of(MotoServer.REGION), Optional.of(moto.endpoint()),
        Optional.of(moto.credentials()), List.of(recorded)));
    this.target = new AwsTarget(clients, TableNames.DEFAULT);
    this.jar = dir.resolve("tasks-lambda.jar");
    writeJar("v1");
  }

  /** A stand-in tasks jar: moto stores the code and never runs it. */
  void writeJar(String content) {
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
      zip.putNextEntry(new ZipEntry("dev/ferry/tasks/VERSION"));
      zip.write(content.getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static CompiledMachine machine(String migration) {
    return ShippedMigrations.compile(migration, TableNames.DEFAULT);
  }

  /** The shipped example input of a migration (state-machines/examples/NAME/input.json). */
  static ObjectNode exampleInput(String migration) {
    Path file = Path.of("..", "state-machines", "examples", migration, "input.json");
    try {
      return (ObjectNode) JSON.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("the example input " + file.toAbsolutePath() + " is missing", e);
    }
  }

  static ScheduleSpec weekly(String migration) {
    ObjectNode input = exampleInput(migration);
    return new ScheduleSpec("cron(0 3 ? * SUN *)", "Europe/Paris", new InputDocument(input.get("target").asText(),
        "ops-team", "api", (ObjectNode) input.get("parameters")), 4, 7200, Optional.empty());
  }

  DeployRequest request(CompiledMachine machine, Optional<ScheduleSpec> schedule) {
    return new DeployRequest(machine, Optional.of(jar), TaskFunctions.deployedFor(machine), schedule);
  }

  DeployReport deploy(CompiledMachine machine, Optional<ScheduleSpec> schedule) {
    return target.ensureInfrastructure(request(machine, schedule));
  }

  /** The default version of the managed policy a migration's deploy attached to the task role. */
  JsonNode tasksPolicy(String migration) {
    String arn = AwsTarget.tasksPolicyArn(target.arns(), machine(migration));
    String version = clients.iam().getPolicy(r -> r.policyArn(arn)).policy().defaultVersionId();
    return parse(clients.iam().getPolicyVersion(r -> r.policyArn(arn).versionId(version)).policyVersion().document());
  }

  JsonNode machinePolicy(String migration) {
    return parse(clients.iam().getRolePolicy(r -> r.roleName(AwsTarget.roleName(machine(migration), "machine"))
        .policyName("ferry-machine")).policyDocument());
  }

  static JsonNode parse(String document) {
    try {
      return JSON.readTree(document.startsWith("{") ? document : URLDecoder.decode(document, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError("not a JSON policy document: " + document, e);
    }
  }

  static Stream<String> texts(JsonNode node) {
    return node.isArray() ? StreamSupport.stream(node.spliterator(), false).map(JsonNode::asText) : Stream.of(node.asText());
  }

  @Override
  public void close() {
    target.close();
  }
}
