package dev.ferry.tasks.writers;

/**
 * Port: stops and restarts writers. {@link #pause} returns the state from before Ferry's first pause
 * of that writer, even when called again after it already paused it, so a retried pause never records
 * "paused" as the state to return to.
 */
public interface Writers {

  /** @throws Ferry.WriterNotFound if the writer does not exist */
  PausedWriter pause(WriterSpec writer);

  void resume(PausedWriter writer);
}
