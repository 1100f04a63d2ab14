package dev.ferry.worlds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.deploy.CompiledMachine;
import dev.ferry.deploy.Progress;
import dev.ferry.deploy.ShippedMigrations;
import dev.ferry.deploy.TableNames;
import dev.ferry.deploy.local.LocalTarget;
import dev.ferry.deploy.rehearse.FaultKind;
import dev.ferry.deploy.rehearse.WorkStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every work step of a seed runbook with every fault of {@code ferry rehearse}, run against a world
 * and judged by the world's checks plus the end and the lock.
 */
public final class FaultMatrix {

  /** What the matrix needs of a world. */
  public interface World {
    void reset() throws Exception;

    ObjectNode parameters();

    List<WorldCheck> check(RunEnd end) throws Exception;
  }

  /** One cell: the step and fault (empty for the fault-free run), the end, the failed checks. */
  public record Cell(Optional<String> step, Optional<FaultKind> fault, RunEnd end, List<WorldCheck> failed) {
    public boolean passed() {
      return failed.isEmpty();
    }

    @Override
    public String toString() {
      return step.orElse("(no fault)") + " x " + fault.map(FaultKind::cliName).orElse("-") + ": " + end
          + (failed.isEmpty() ? " ok" : " FAILED " + failed);
    }
  }

  private FaultMatrix() {}

  public static List<Cell> run(LocalTarget local, String migration, String target, World world) throws Exception {
    CompiledMachine machine = ShippedMigrations.compile(migration, TableNames.DEFAULT);
    List<Cell> cells = new ArrayList<>();
    cells.add(once(local, migration, target, world, Optional.empty(), Optional.empty()));
    for (WorkStep step : WorkStep.of(machine)) {
      for (FaultKind fault : FaultKind.values()) {
        cells.add(once(local, migration, target, world, Optional.of(step), Optional.of(fault)));
      }
    }
    return cells;
  }

  private static Cell once(LocalTarget local, String migration, String target, World world, Optional<WorkStep> step,
      Optional<FaultKind> fault) throws Exception {
    world.reset();
    step.ifPresent(s -> fault.orElseThrow().arm(local.faults(), s));
    String request = step.map(s -> s.id() + "-" + fault.orElseThrow().cliName()).orElse("no-fault");
    RunEnd end = LocalRuns.run(local, migration, target, world.parameters(), request);
    List<WorldCheck> checks = new ArrayList<>(world.check(end));
    Progress progress = local.store().requireProgress(target);
    boolean lockAsDesigned = end == RunEnd.ROLLBACK_FAILED ? progress.lockHolder().isPresent() : progress.lockHolder().isEmpty();
    checks.add(WorldCheck.of("lock", lockAsDesigned, progress.status() + ", lock " + progress.lockHolder().orElse("free")));
    checks.add(WorldCheck.of("end", end != RunEnd.OTHER && (step.isPresent() || end == RunEnd.SUCCEEDED), "ended " + progress.status()));
    return new Cell(step.map(WorkStep::id), fault, end, checks.stream().filter(c -> !c.ok()).toList());
  }
}
