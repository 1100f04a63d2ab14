package dev.ferry.tasks.local;

import Ferry.InvalidInput;
import Ferry.WriterNotFound;
import dev.ferry.tasks.writers.PausedWriter;
import dev.ferry.tasks.writers.WriterSpec;
import dev.ferry.tasks.writers.Writers;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local writers, by name. A writer Ferry paused is remembered as such, so a repeated pause still
 * reports it as running before, and resume restarts only writers that were running.
 */
public final class LocalWriters implements Writers {

  private final Map<String, LocalWriter> writers = new ConcurrentHashMap<>();
  private final Set<String> pausedByFerry = ConcurrentHashMap.newKeySet();

  public LocalWriter register(LocalWriter writer) {
    writers.put(writer.name(), writer);
    return writer;
  }

  public LocalWriter get(String name) {
    LocalWriter writer = writers.get(name);
    if (writer == null) {
      throw new WriterNotFound("local writer '" + name + "' is not registered; known writers: " + writers.keySet());
    }
    return writer;
  }

  @Override
  public synchronized PausedWriter pause(WriterSpec spec) {
    if (!spec.type().equals("local")) {
      throw new InvalidInput("writers[].type: '" + spec.type() + "' writers exist only on AWS; locally use type local");
    }
    LocalWriter writer = get(spec.name());
    boolean wasRunning = writer.state() == LocalWriter.State.RUNNING || pausedByFerry.contains(spec.name());
    if (writer.state() == LocalWriter.State.RUNNING) {
      pausedByFerry.add(spec.name());
      writer.stop();
    }
    return new PausedWriter.LocalWriter(spec.name(), wasRunning);
  }

  @Override
  public synchronized void resume(PausedWriter paused) {
    switch (paused) {
      case PausedWriter.LocalWriter local -> {
        if (local.running()) {
          get(local.name()).start();
        }
        pausedByFerry.remove(local.name());
      }
      case PausedWriter.LambdaConsumer lambda ->
          throw new InvalidInput("paused[]: Lambda consumer " + lambda.name() + " can only be resumed on AWS");
      case PausedWriter.EcsService ecs ->
          throw new InvalidInput("paused[]: ECS service " + ecs.name() + " can only be resumed on AWS");
    }
  }
}
