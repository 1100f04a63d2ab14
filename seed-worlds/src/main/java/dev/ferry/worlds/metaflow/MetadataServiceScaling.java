package dev.ferry.worlds.metaflow;

import Ferry.InvalidInput;
import Ferry.WriterNotFound;
import dev.ferry.tasks.writers.PausedWriter;
import dev.ferry.tasks.writers.WriterSpec;
import dev.ferry.tasks.writers.Writers;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link Writers} port over the stand-in metadata service, so the shipped pause and resume
 * functions scale it as they scale the real ECS service: a pause records the desired count and
 * scales to zero; a resume puts back the recorded count. A repeated pause (a retried or redriven
 * step) still reports the count from before Ferry's first pause.
 */
public final class MetadataServiceScaling implements Writers {

  private final MetadataService service;
  private final Set<String> pausedByFerry = ConcurrentHashMap.newKeySet();
  private volatile int countBeforePause;

  public MetadataServiceScaling(MetadataService service) {
    this.service = service;
  }

  @Override
  public synchronized PausedWriter pause(WriterSpec spec) {
    check(spec.type(), spec.name(), spec.cluster());
    if (pausedByFerry.add(spec.name())) {
      countBeforePause = service.desiredCount();
    }
    service.scaleTo(0);
    return new PausedWriter.EcsService(spec.name(), spec.cluster(), countBeforePause);
  }

  @Override
  public synchronized void resume(PausedWriter paused) {
    if (!(paused instanceof PausedWriter.EcsService ecs)) {
      throw new InvalidInput("paused[]: " + paused.name() + " is not the metadata service's ECS service");
    }
    check("ecs", ecs.name(), ecs.cluster());
    service.scaleTo(ecs.desiredCount());
    pausedByFerry.remove(ecs.name());
  }

  private void check(String type, String name, String cluster) {
    if (!"ecs".equals(type)) {
      throw new InvalidInput("service.type: the metadata service runs on ECS; expected ecs, got " + type);
    }
    if (!service.name().equals(name) || !service.cluster().equals(cluster)) {
      throw new WriterNotFound("ECS service " + name + " in cluster " + cluster + " does not exist; the local"
          + " metadata service is " + service.name() + " in " + service.cluster());
    }
  }
}
