package dev.ferry.deploy.rehearse.world;

import dev.ferry.contract.Status;
import java.util.Optional;

/** How a run ended, as an {@link Invariant} judges it. */
public interface RunOutcome extends RunContext {

  /** The execution's end: {@code SUCCEEDED}, {@code FAILED}, ... */
  String executionStatus();

  /** The error the execution failed with, e.g. {@code Ferry.MigrationFailed}. */
  Optional<String> error();

  /** The target's progress status after the run. */
  Optional<Status> progress();
}
