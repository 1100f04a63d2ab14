package dev.ferry.tasks.writers;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * What a writer looked like before the pause: exactly what resume puts back. Travels through the
 * machine's state as the pause step's result, so it is plain JSON tagged by {@code type}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = PausedWriter.LambdaConsumer.class, name = "lambda"),
    @JsonSubTypes.Type(value = PausedWriter.EcsService.class, name = "ecs"),
    @JsonSubTypes.Type(value = PausedWriter.LocalWriter.class, name = "local")})
public sealed interface PausedWriter {

  String name();

  /**
   * A Lambda consumer: its reserved concurrency ({@code null} when it had none) and the enabled flag
   * of each event source mapping.
   */
  record LambdaConsumer(String name, Integer reservedConcurrency, List<EventSourceMapping> eventSourceMappings)
      implements PausedWriter {
    public LambdaConsumer {
      eventSourceMappings = List.copyOf(eventSourceMappings);
    }
  }

  record EventSourceMapping(String uuid, boolean enabled) {}

  /** An ECS service and the desired count it had. */
  record EcsService(String name, String cluster, int desiredCount) implements PausedWriter {}

  /** A local writer thread and whether it was running. */
  record LocalWriter(String name, boolean running) implements PausedWriter {}
}
