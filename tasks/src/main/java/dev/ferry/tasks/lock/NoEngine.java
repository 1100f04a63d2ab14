package dev.ferry.tasks.lock;

import Ferry.ServiceUnavailable;
import dev.ferry.tasks.Executions;
import java.util.Optional;

/**
 * {@link Executions} where no engine is wired in (a local environment of its own, a test rig):
 * describing fails, so a refused run names its holder as read, as when the check is down; no task
 * is held, so nothing is heartbeaten.
 */
public final class NoEngine implements Executions {

  @Override
  public Optional<Described> describe(String executionArn) {
    throw new ServiceUnavailable("no engine is wired in to describe " + executionArn);
  }

  @Override
  public boolean heartbeat(String taskToken) {
    return false;
  }
}
