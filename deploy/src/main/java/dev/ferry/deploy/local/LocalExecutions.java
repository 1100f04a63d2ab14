package dev.ferry.deploy.local;

import dev.ferry.deploy.ExecutionInfo;
import dev.ferry.tasks.Executions;
import java.util.Optional;

/**
 * {@link Executions} on the local target: an execution is described from this process's runs or
 * the folder's execution records (a run whose process ended counts as aborted), redrivable as the
 * local target says (only this process's ended runs), and a heartbeat goes to this process's engine.
 */
final class LocalExecutions implements Executions {

  private final LocalTarget target;

  LocalExecutions(LocalTarget target) {
    this.target = target;
  }

  @Override
  public Optional<Described> describe(String executionArn) {
    return target.describeExecution(executionArn).map(this::described);
  }

  private Described described(ExecutionInfo info) {
    return new Described(info.status(), info.stoppedAt(), Optional.of(info.isTerminal() && target.canRedrive(info)));
  }

  @Override
  public boolean heartbeat(String taskToken) {
    return target.sendTaskHeartbeat(taskToken);
  }
}
