package dev.ferry.deploy.rehearse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.deploy.CompiledMachine;
import dev.ferry.deploy.MigrationSource;
import dev.ferry.deploy.TableNames;
import dev.ferry.deploy.local.LocalSettings;
import dev.ferry.deploy.local.LocalTarget;
import dev.ferry.deploy.rehearse.world.World;
import dev.ferry.dsl.compile.MachineStructure;
import dev.ferry.dsl.compile.StateNames;
import dev.ferry.dsl.compile.StepStates;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each universal check can fail: postgres-schema-upgrade's machine mutated as a faulty compiler
 * would leave it (a compensation dropped, compensations in the wrong order, a resume skipped) is
 * caught, when verify-schema throws, by the check that names the mistake. The mutations change
 * transitions only, so the compiler's structure still names every state.
 */
class RehearsalChecksTest {
  private static final String MIGRATION = "postgres-schema-upgrade";
  private static LocalTarget local;
  private static CompiledMachine shipped;
  private static World world;

  @BeforeAll
  static void open() {
    local = LocalTarget.open(LocalSettings.temporary());
    shipped = MigrationSource.ferry().compile(MIGRATION, TableNames.DEFAULT);
    world = MigrationSource.ferry().world(MIGRATION);
  }

  @AfterAll
  static void close() {
    local.close();
  }

  @Test
  void aDroppedCompensationFailsTheCompensationCheckAndTheDatabaseInvariant() throws Exception {
    // Whatever went to the restore goes to what follows it: the upgrade is never undone.
    Map<String, Rehearsal.Check> checks = faultedVerify((definition, structure) -> {
      StepStates restore = structure.step("restore-snapshot").orElseThrow();
      redirect(definition, restore.work(), next(definition, restore.record().orElseThrow()));
    });

    assertThat(checks.get("compensation").ok()).as("%s", checks).isFalse();
    assertThat(checks.get("compensation").detail())
        .isEqualTo("ran resume-paused-writers, expected restore-snapshot -> resume-paused-writers");
    assertThat(checks.get("database orders-db").ok()).isFalse();
    assertThat(checks.get("typed end").ok()).as("the run still ends typed").isTrue();
  }

  @Test
  void compensationsInTheWrongOrderFailTheCompensationCheck() throws Exception {
    Map<String, Rehearsal.Check> checks = faultedVerify((definition, structure) -> {
      StepStates restore = structure.step("restore-snapshot").orElseThrow();
      StepStates resume = structure.step("resume-paused-writers").orElseThrow();
      String afterResume = next(definition, resume.record().orElseThrow());
      // The failure now resumes the writers first, then restores, then ends.
      redirect(definition, restore.work(), resume.work());
      setNext(definition, resume.record().orElseThrow(), restore.work());
      setNext(definition, restore.record().orElseThrow(), afterResume);
    });

    assertThat(checks.get("compensation").ok()).as("%s", checks).isFalse();
    assertThat(checks.get("compensation").detail())
        .isEqualTo("ran resume-paused-writers -> restore-snapshot, expected restore-snapshot -> resume-paused-writers");
  }

  @Test
  void aSkippedResumeFailsTheResumedCheck() throws Exception {
    Map<String, Rehearsal.Check> checks = faultedVerify((definition, structure) -> {
      StepStates resume = structure.step("resume-paused-writers").orElseThrow();
      redirect(definition, resume.work(), next(definition, resume.record().orElseThrow()));
    });

    assertThat(checks.get("resumed").ok()).as("%s", checks).isFalse();
    assertThat(checks.get("resumed").detail()).contains("orders-writer").contains("still paused");
  }

  @Test
  void theUnmutatedMachinePassesEveryCheckOfTheSameRun() throws Exception {
    Map<String, Rehearsal.Check> checks = faultedVerify((definition, structure) -> { });

    assertThat(checks.values()).as("%s", checks).allMatch(Rehearsal.Check::ok);
    assertThat(checks.get("compensation").detail()).isEqualTo("restore-snapshot -> resume-paused-writers");
  }

  @Test
  void aMachineThatMigratesAgainFailsTheAlreadyDoneChecks() throws Exception {
    // The already-done Choice goes on to the migration whatever the check found.
    ObjectNode definition = shipped.definition().deepCopy();
    String nothingToDo = StateNames.recordNothingToDo("check-schema-version");
    for (JsonNode state : definition.path("States")) {
      for (JsonNode rule : state.path("Choices")) {
        retarget((ObjectNode) rule, "Next", nothingToDo, state.path("Default").asText());
      }
    }
    CompiledMachine machine = new CompiledMachine(MIGRATION, definition.toString(), definition, shipped.structure());
    Rehearsal.Plan plan = Rehearsal.Plan.everything(machine, world)
        .atSteps(List.of("check-schema-version")).withFaults(List.of(FaultKind.ALREADY_DONE));
    List<Rehearsal.Run> seen = new ArrayList<>();
    Rehearsal.run(local, plan, seen::add);

    assertThat(seen).hasSize(2);
    Map<String, Rehearsal.Check> checks = new java.util.HashMap<>();
    seen.get(1).checks().forEach(c -> checks.put(c.name(), c));
    assertThat(checks.get("migrated first").ok()).as("%s", checks).isTrue();
    assertThat(checks.get("nothing to do").ok()).isFalse();
    assertThat(checks.get("nothing to do").detail()).contains("pause-writers").contains("no nothing-to-do record");
    assertThat(checks.get("untouched").ok()).isFalse();
    assertThat(checks.get("untouched").detail()).contains("writer orders-writer was stopped");
  }

  /** Rehearses the mutated machine with verify-schema throwing; the checks of that run by name. */
  private static Map<String, Rehearsal.Check> faultedVerify(BiConsumer<ObjectNode, MachineStructure> mutate)
      throws Exception {
    ObjectNode definition = shipped.definition().deepCopy();
    mutate.accept(definition, shipped.requireStructure());
    CompiledMachine machine = new CompiledMachine(MIGRATION, definition.toString(), definition, shipped.structure());
    Rehearsal.Plan plan = Rehearsal.Plan.everything(machine, world)
        .atSteps(List.of("verify-schema")).withFaults(List.of(FaultKind.THROWS));
    List<Rehearsal.Run> seen = new ArrayList<>();
    Rehearsal.run(local, plan, seen::add);

    assertThat(seen).hasSize(2);
    assertThat(seen.get(0).passed()).as("the fault-free run: %s", seen.get(0).checks()).isTrue();
    Map<String, Rehearsal.Check> checks = new java.util.HashMap<>();
    seen.get(1).checks().forEach(c -> checks.put(c.name(), c));
    return checks;
  }

  /** Points every transition of the top-level states into {@code from} at {@code to}. */
  private static void redirect(ObjectNode definition, String from, String to) {
    for (JsonNode state : definition.path("States")) {
      retarget((ObjectNode) state, "Next", from, to);
      retarget((ObjectNode) state, "Default", from, to);
      for (JsonNode rule : state.path("Choices")) {
        retarget((ObjectNode) rule, "Next", from, to);
      }
      for (JsonNode catcher : state.path("Catch")) {
        retarget((ObjectNode) catcher, "Next", from, to);
      }
    }
  }

  private static void retarget(ObjectNode node, String field, String from, String to) {
    if (node.path(field).asText().equals(from)) {
      node.put(field, to);
    }
  }

  private static String next(ObjectNode definition, String state) {
    return definition.path("States").path(state).path("Next").asText();
  }

  /** Sets the Next of {@code state} and of its catchers. */
  private static void setNext(ObjectNode definition, String state, String to) {
    ObjectNode s = (ObjectNode) definition.path("States").path(state);
    s.put("Next", to);
    s.path("Catch").forEach(c -> ((ObjectNode) c).put("Next", to));
  }
}
