package dev.ferry.dsl.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.asl.AslValidator;
import dev.ferry.dsl.Expect;
import dev.ferry.dsl.Migration;
import dev.ferry.dsl.Step;
import dev.ferry.dsl.tasks.FerryTasks;
import dev.ferry.dsl.tasks.SchemaVerify;
import org.junit.jupiter.api.Test;

/** A migration whose steps undo nothing has no rollback to fail, and no unreachable end for it. */
class NothingToCompensateTest {

  @Test
  void aVerifyOnlyMigrationCompilesWithoutUnreachableRollbackStates() {
    CompiledMigration compiled = Compiler.compile(Migration.named("orders-check")
        .step(Step.verify("verify-schema").invoke(FerryTasks.schemaVerify().secretArn("s").expectedVersion("2")).expect(Expect.isTrue(SchemaVerify.OK)))
        .build());
    assertThat(AslValidator.validate(compiled.machine())).isEmpty();
    assertThat(compiled.machine().states()).doesNotContainKey(StateNames.ROLLBACK_FAILED);
  }
}
