package dev.ferry.dsl.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.asl.ParallelState;
import dev.ferry.asl.State;
import dev.ferry.dsl.Action;
import dev.ferry.dsl.Examples;
import dev.ferry.dsl.Step;
import dev.ferry.dsl.graph.MigrationGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The structure a compile returns names every state, and each step's states and calls, as the DSL declared them. */
class MachineStructureTest {

  @Test
  void everyStateOfTheMachineHasARoleAndNothingElseIsListed() {
    for (var m : List.of(Examples.postgresSchemaUpgrade(), Examples.everyFeature())) {
      CompiledMigration compiled = Compiler.compile(m.build());
      List<String> names = new ArrayList<>();
      collect(compiled.machine().states(), names);
      assertThat(compiled.structure().states().keySet()).containsExactlyElementsOf(names);
    }
  }

  @Test
  void eachTopLevelStepHasItsWorkRecordAndTheFunctionItCalls() {
    MigrationGraph graph = Examples.postgresSchemaUpgrade().build();
    MachineStructure structure = Compiler.compile(graph).structure();
    assertThat(structure.topLevel()).extracting(StepStates::id)
        .containsExactlyElementsOf(graph.steps().stream().map(Step::id).toList());
    for (int i = 0; i < graph.steps().size(); i++) {
      Step step = graph.steps().get(i);
      StepStates states = structure.step(step.id()).orElseThrow();
      assertThat(states.index()).isEqualTo(i + 1);
      assertThat(states.kind()).isEqualTo(step.kind());
      assertThat(states.record()).contains(StateNames.record(step));
      assertThat(states.work()).isEqualTo(Lowering.entry(step));
      assertThat(structure.role(states.work())).isEqualTo(StateRole.WORK);
      if (step.action().orElse(null) instanceof Action.LambdaInvoke l) {
        assertThat(states.workCall()).get().extracting(Call::kind).isEqualTo(CallKind.LAMBDA);
        assertThat(states.workCall().get().function()).contains(l.functionName());
      }
      assertThat(states.failureRecords()).as("%s has a failure path", step.id()).isNotEmpty()
          .allSatisfy(name -> assertThat(structure.role(name)).isEqualTo(StateRole.FAILURE_RECORD));
      assertThat(states.compensation()).isEqualTo(step.compensation().map(Step::id));
    }
  }

  @Test
  void compensationsAreListedInTheOrderOfTheStepsTheyUndoWithTheirIndex() {
    MigrationGraph graph = Examples.postgresSchemaUpgrade().build();
    MachineStructure structure = Compiler.compile(graph).structure();
    List<Step> compensable = graph.compensableInOrder();
    assertThat(structure.compensations()).extracting(StepStates::id)
        .containsExactlyElementsOf(compensable.stream().map(s -> s.compensation().orElseThrow().id()).toList());
    for (StepStates undo : structure.compensations()) {
      StepStates undone = structure.step(undo.compensates().orElseThrow()).orElseThrow();
      assertThat(undo.index()).isEqualTo(undone.index());
      assertThat(undo.record()).as("records %s compensated", undone.id()).isPresent();
      assertThat(structure.topLevel()).doesNotContain(undo);
    }
  }

  @Test
  void innerStepsOfAParallelGroupBelongToTheGroupAndHaveNoRecordOfTheirOwn() {
    MigrationGraph graph = Examples.everyFeature().build();
    MachineStructure structure = Compiler.compile(graph).structure();
    List<StepStates> inner = structure.steps().stream().filter(s -> s.group().isPresent()).toList();
    assertThat(inner).isNotEmpty().allSatisfy(s -> {
      assertThat(s.record()).isEmpty();
      assertThat(structure.step(s.group().get()).orElseThrow().isTopLevel()).isTrue();
    });
  }

  @Test
  void theRunsOwnStatesBelongToNoStep() {
    MachineStructure structure = Compiler.compile(Examples.postgresSchemaUpgrade().build()).structure();
    assertThat(structure.state(StateNames.ACQUIRE_LOCK)).get().extracting(StateInfo::role).isEqualTo(StateRole.LOCK);
    assertThat(structure.state(StateNames.CHECK_INPUT)).get().extracting(StateInfo::role).isEqualTo(StateRole.INPUT);
    assertThat(structure.state(StateNames.ROLLBACK_FAILED)).get().extracting(StateInfo::role).isEqualTo(StateRole.END);
    assertThat(structure.stepOf(StateNames.ACQUIRE_LOCK)).isEmpty();
  }

  private static void collect(Map<String, State> states, List<String> into) {
    states.forEach((name, state) -> {
      into.add(name);
      if (state instanceof ParallelState p) {
        p.branches().forEach(b -> collect(b.states(), into));
      }
    });
  }
}
