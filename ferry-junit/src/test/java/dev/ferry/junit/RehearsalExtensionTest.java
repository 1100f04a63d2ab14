package dev.ferry.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.ferry.deploy.rehearse.FaultKind;
import dev.ferry.deploy.rehearse.Rehearsal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** {@code @RehearsalTest} runs one test per rehearsal run, named after its step and fault, that fails with the run. */
class RehearsalExtensionTest {

  /** What a user's project writes; run here through the JUnit launcher. */
  static class VerifySchemaRehearsal {
    static final List<Rehearsal.Run> SEEN = new ArrayList<>();

    @RehearsalTest(value = "postgres-schema-upgrade", faults = "throws,compensation-fails", steps = "verify-schema")
    void rehearse(Rehearsal.Run run) {
      SEEN.add(run);
    }
  }

  static class UnknownMigration {
    @RehearsalTest("no-such-migration")
    void rehearse() {}
  }

  @Test
  void eachRunIsATestNamedAfterItsStepAndFaultAndGetsItsRun() {
    List<String> passed = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    run(VerifySchemaRehearsal.class, passed, failed);

    assertThat(failed).isEmpty();
    assertThat(passed).containsExactly("fault-free", "verify-schema x throws", "verify-schema x compensation-fails");
    assertThat(VerifySchemaRehearsal.SEEN).extracting(r -> r.fault().map(FaultKind::cliName).orElse("none"))
        .containsExactly("none", "throws", "compensation-fails");
    assertThat(VerifySchemaRehearsal.SEEN.get(2).outcome()).contains("Ferry.RollbackFailed");
  }

  @Test
  void aMigrationThatIsNotRegisteredFailsWithItsName() {
    List<String> passed = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    run(UnknownMigration.class, passed, failed);

    assertThat(passed).isEmpty();
    assertThat(failed).singleElement().asString().contains("no migration named 'no-such-migration'");
  }

  private static void run(Class<?> testClass, List<String> passed, List<String> failed) {
    var request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build();
    LauncherFactory.create().execute(request, new TestExecutionListener() {
      @Override
      public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL && test.isTest()) {
          passed.add(test.getDisplayName());
        } else if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
          failed.add(test.getDisplayName() + ": " + result.getThrowable().map(Throwable::getMessage).orElse(""));
        }
      }
    });
  }
}
