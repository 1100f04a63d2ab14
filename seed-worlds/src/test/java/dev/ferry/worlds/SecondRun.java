package dev.ferry.worlds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.deploy.AuditRow;
import dev.ferry.deploy.InputDocument;
import dev.ferry.deploy.Progress;
import dev.ferry.deploy.ShippedMigrations;
import dev.ferry.deploy.StartRequest;
import dev.ferry.deploy.TableNames;
import dev.ferry.deploy.local.LocalRun;
import dev.ferry.deploy.local.LocalTarget;
import dev.ferry.dsl.compile.MachineStructure;
import dev.ferry.engine.ExecutionResult;
import dev.ferry.engine.ExecutionStatus;
import dev.ferry.engine.HistoryEvent;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The run a schedule or a retry starts on a target a first run already migrated: it must end
 * SUCCEEDED right after the already-done check, with nothing paused, backed up or changed.
 */
public final class SecondRun {

  private SecondRun() {}

  /** The migration's already-done check, as its graph declares it. */
  public static String check(String migration) {
    return ShippedMigrations.all().stream().filter(d -> d.name().equals(migration)).findFirst().orElseThrow()
        .graph().alreadyDone().orElseThrow(() -> new AssertionError(migration + " declares no already-done check"))
        .checkStep();
  }

  /**
   * Runs {@code migration} again for {@code target}, whose progress row the first run left (the lock
   * released), and waits for its end; it must not ask for an approval.
   */
  public static LocalRun run(LocalTarget local, String migration, String target, ObjectNode parameters, String requestId)
      throws Exception {
    LocalRun run = local.run(new StartRequest(migration, new InputDocument(target, "seed-worlds-test", "schedule", parameters),
        Optional.of(requestId)));
    ExecutionResult result = run.await(Duration.ofMinutes(1));
    assertThat(local.store().progress(target).flatMap(Progress::pendingApproval)).as("an approval asked for").isEmpty();
    assertThat(result.status()).as("%s", result).isEqualTo(ExecutionStatus.SUCCEEDED);
    return run;
  }

  /**
   * Asserts that {@code run} found nothing to do: its audit trail is the run and the check, ending
   * with the nothing-to-do row; its history enters no state of any other step (no pause, backup,
   * change, verify or compensation); the lock is released.
   */
  public static void touchedNothing(LocalTarget local, LocalRun run) {
    String check = check(run.migration());
    List<AuditRow> rows = run.auditRows();
    assertThat(rows).extracting(r -> r.step() + " " + r.phase())
        .containsExactly("run STARTED", check + " STARTED", check + " SUCCEEDED", "run SUCCEEDED");
    assertThat(rows.getLast().cause()).startsWith("nothing to do: " + check + " found ");

    MachineStructure structure = ShippedMigrations.compile(run.migration(), TableNames.DEFAULT).requireStructure();
    Set<String> entered = new TreeSet<>();
    for (HistoryEvent e : run.execution().history()) {
      if (e.type().endsWith("StateEntered")) {
        structure.stepOf(Objects.requireNonNull(e.detail("name"))).ifPresent(entered::add);
      }
    }
    assertThat(entered).as("steps whose states the run entered").containsExactly(check);

    Progress progress = local.store().requireProgress(run.target());
    assertThat(progress.status()).isEqualTo("SUCCEEDED");
    assertThat(progress.lockHolder()).as("lock").isEmpty();
  }
}
