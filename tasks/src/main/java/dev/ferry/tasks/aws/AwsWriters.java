package dev.ferry.tasks.aws;

import Ferry.InvalidInput;
import Ferry.WriterNotFound;
import dev.ferry.tasks.writers.PausedWriter;
import dev.ferry.tasks.writers.WriterSpec;
import dev.ferry.tasks.writers.Writers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * Lambda consumers and ECS services as writers.
 *
 * <p>Before changing a writer, pause records its prior state in a tag on the writer itself
 * ({@value #TAG}); a repeated pause (a retry after a timeout, a redrive) finds the tag and returns
 * that state instead of the already-paused one. Resume puts the state back and then removes the tag.
 * A Lambda consumer's tag holds its reserved concurrency and the event source mappings that were
 * enabled ({@code rc=5;on=<uuid>,<uuid>}); tag values are at most 256 characters, which allows six
 * enabled mappings per function.
 */
public final class AwsWriters implements Writers {

  static final String TAG = "ferry:paused";
  private static final Set<String> ENABLED = Set.of("Enabled", "Enabling", "Updating");

  private final LambdaClient lambda;
  private final EcsClient ecs;

  public AwsWriters(LambdaClient lambda, EcsClient ecs) {
    this.lambda = lambda;
    this.ecs = ecs;
  }

  @Override
  public PausedWriter pause(WriterSpec writer) {
    return switch (writer.type()) {
      case "lambda" -> pauseLambda(writer.name());
      case "ecs" -> pauseEcs(writer.cluster(), writer.name());
      default -> throw new InvalidInput("writers[].type: '" + writer.type()
          + "' writers exist only on the local engine; on AWS use lambda or ecs");
    };
  }

  @Override
  public void resume(PausedWriter writer) {
    switch (writer) {
      case PausedWriter.LambdaConsumer consumer -> resumeLambda(consumer);
      case PausedWriter.EcsService service -> resumeEcs(service);
      case PausedWriter.LocalWriter local -> throw new InvalidInput(
          "paused[]: local writer " + local.name() + " can only be resumed on the local engine");
    }
  }

  private PausedWriter.LambdaConsumer pauseLambda(String name) {
    String arn;
    try {
      arn = lambda.getFunction(r -> r.functionName(name)).configuration().functionArn();
    } catch (ResourceNotFoundException e) {
      throw new WriterNotFound("Lambda function " + name + " does not exist: " + e.awsErrorDetails().errorMessage(), e);
    }
    List<EventSourceMappingConfiguration> mappings = new ArrayList<>();
    lambda.listEventSourceMappingsPaginator(r -> r.functionName(name)).eventSourceMappings().forEach(mappings::add);
    PausedWriter.LambdaConsumer prior;
    String recorded = lambda.listTags(r -> r.resource(arn)).tags().get(TAG);
    if (recorded != null) {
      prior = parseLambdaTag(name, recorded, mappings);
    } else {
      Integer concurrency = lambda.getFunctionConcurrency(r -> r.functionName(name)).reservedConcurrentExecutions();
      prior = new PausedWriter.LambdaConsumer(name, concurrency, mappings.stream()
          .map(m -> new PausedWriter.EventSourceMapping(m.uuid(), ENABLED.contains(m.state()))).toList());
      String tag = lambdaTag(prior);
      if (tag.length() > 256) {
        throw new InvalidInput("writers[]: Lambda function " + name + " has more enabled event source mappings than"
            + " Ferry can record in one tag (at most six); pause it with its mappings listed as separate writers");
      }
      lambda.tagResource(r -> r.resource(arn).tags(Map.of(TAG, tag)));
    }
    lambda.putFunctionConcurrency(r -> r.functionName(name).reservedConcurrentExecutions(0));
    for (EventSourceMappingConfiguration m : mappings) {
      if (ENABLED.contains(m.state())) {
        lambda.updateEventSourceMapping(r -> r.uuid(m.uuid()).enabled(false));
      }
    }
    return prior;
  }

  private void resumeLambda(PausedWriter.LambdaConsumer consumer) {
    String arn;
    try {
      arn = lambda.getFunction(r -> r.functionName(consumer.name())).configuration().functionArn();
    } catch (ResourceNotFoundException e) {
      throw new WriterNotFound("Lambda function " + consumer.name() + " no longer exists; nothing to resume", e);
    }
    if (consumer.reservedConcurrency() == null) {
      lambda.deleteFunctionConcurrency(r -> r.functionName(consumer.name()));
    } else {
      lambda.putFunctionConcurrency(r -> r.functionName(consumer.name())
          .reservedConcurrentExecutions(consumer.reservedConcurrency()));
    }
    for (PausedWriter.EventSourceMapping m : consumer.eventSourceMappings()) {
      if (m.enabled()) {
        lambda.updateEventSourceMapping(r -> r.uuid(m.uuid()).enabled(true));
      }
    }
    lambda.untagResource(r -> r.resource(arn).tagKeys(TAG));
  }

  static String lambdaTag(PausedWriter.LambdaConsumer consumer) {
    return "rc=" + (consumer.reservedConcurrency() == null ? "none" : consumer.reservedConcurrency()) + ";on="
        + String.join(",", consumer.eventSourceMappings().stream()
            .filter(PausedWriter.EventSourceMapping::enabled).map(PausedWriter.EventSourceMapping::uuid).toList());
  }

  private static PausedWriter.LambdaConsumer parseLambdaTag(String name, String tag,
      List<EventSourceMappingConfiguration> mappings) {
    String[] parts = tag.split(";", -1);
    String rc = parts[0].substring("rc=".length());
    List<String> on = parts.length > 1 && parts[1].length() > 3
        ? Arrays.asList(parts[1].substring("on=".length()).split(",")) : List.of();
    return new PausedWriter.LambdaConsumer(name, rc.equals("none") ? null : Integer.valueOf(rc),
        mappings.stream().map(m -> new PausedWriter.EventSourceMapping(m.uuid(), on.contains(m.uuid()))).toList());
  }

  private PausedWriter.EcsService pauseEcs(String cluster, String name) {
    Service service = service(cluster, name);
    String recorded = ecs.listTagsForResource(r -> r.resourceArn(service.serviceArn())).tags().stream()
        .filter(t -> t.key().equals(TAG)).map(Tag::value).findFirst().orElse(null);
    int prior;
    if (recorded != null) {
      prior = Integer.parseInt(recorded);
    } else {
      prior = service.desiredCount();
      ecs.tagResource(r -> r.resourceArn(service.serviceArn()).tags(Tag.builder().key(TAG).value(Integer.toString(prior)).build()));
    }
    ecs.updateService(r -> r.cluster(cluster).service(name).desiredCount(0));
    return new PausedWriter.EcsService(name, cluster, prior);
  }

  private void resumeEcs(PausedWriter.EcsService paused) {
    Service service = service(paused.cluster(), paused.name());
    ecs.updateService(r -> r.cluster(paused.cluster()).service(paused.name()).desiredCount(paused.desiredCount()));
    ecs.untagResource(r -> r.resourceArn(service.serviceArn()).tagKeys(TAG));
  }

  private Service service(String cluster, String name) {
    try {
      var response = ecs.describeServices(r -> r.cluster(cluster).services(name));
      return response.services().stream().filter(s -> !"INACTIVE".equals(s.status())).findFirst()
          .orElseThrow(() -> new WriterNotFound("ECS service " + name + " does not exist in cluster " + cluster
              + (response.failures().isEmpty() ? "" : " (" + response.failures().getFirst().reason() + ")")));
    } catch (ClusterNotFoundException e) {
      throw new WriterNotFound("ECS cluster " + cluster + " does not exist: " + e.awsErrorDetails().errorMessage(), e);
    }
  }
}
