package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.deploy.load.UserClasses;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ferry start --local} with a migration from the user's class path, on the real local
 * target: its secret filled from the target, and a failed run told in sentences.
 */
class StartLocalUserMigrationTest {

  @TempDir Path dir;

  @Test
  void aUsersMigrationRunsLocallyAndItsFailureReadsAsSentences() throws Exception {
    Path classes = UserClasses.in(dir.resolve("project")).migration("OrdersCheck", "orders-check").compile();
    CliRun run = CliRun.of("start", "orders-db", "--local", "--local-dir", dir.resolve("state").toString(),
        "--migration", "orders-check", "--classpath", classes.toString(), "--local-database", "orders-db");
    assertThat(run.out()).as(run.err())
        .contains("secretArn: arn:aws:secretsmanager:local:000000000000:secret:orders-db (the local secret of database orders-db")
        .contains("verify-schema  STARTED");
    // An empty database has no schema version 1: the verify step's expectation fails the run.
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("FAILED: Ferry.")
        .containsPattern("\n  Step verify-schema \\(verify\\) failed: [^\n]+\\.\n")
        .contains("Nothing was undone")
        .doesNotContain("stackTrace").doesNotContain("\\\"");
  }

  @Test
  void aUsersOwnFunctionRunsLocallyOnTheHandlerItsRehearsalWorldDeclares() throws Exception {
    Path classes = auditProject();
    CliRun run = CliRun.of("start", "orders-db", "--local", "--local-dir", dir.resolve("state").toString(),
        "--migration", "orders-audit", "--classpath", classes.toString());
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("acme-orders-audit: the local handler of the rehearsal world of orders-audit")
        .contains("audit-orders  SUCCEEDED").endsWith("SUCCEEDED\n");
  }

  @Test
  void rehearseFindsTheMigrationAndItsWorldOnTheClassPath() throws Exception {
    Path classes = auditProject();
    CliRun run = CliRun.of("rehearse", "orders-audit", "--classpath", classes.toString(), "--faults", "throws");
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("rehearsing orders-audit: 2 runs").contains("audit-orders").contains("2 passed, 0 failed");
  }

  /** A migration calling a function of its own, and its rehearsal world serving that function. */
  private Path auditProject() throws Exception {
    return UserClasses.in(dir.resolve("project"))
        .source("OrdersAudit", """
            package com.acme;
            import dev.ferry.dsl.*;
            public final class OrdersAudit implements MigrationDefinition {
              static final ResultField<Boolean> CLEAN = ResultField.bool("clean");
              static final LambdaFunction AUDIT = LambdaFunction.named("acme-orders-audit").returns(CLEAN);
              @Override public dev.ferry.dsl.graph.MigrationGraph graph() {
                return Migration.named("orders-audit")
                    .step(Step.verify("audit-orders").invoke(AUDIT.call()).expect(Expect.isTrue(CLEAN)))
                    .build();
              }
            }
            """).register("OrdersAudit")
        .source("OrdersAuditWorld", """
            package com.acme;
            import dev.ferry.deploy.rehearse.world.*;
            public final class OrdersAuditWorld implements RehearsalWorld {
              @Override public World world() {
                return World.forMigration("orders-audit")
                    .function(LocalFunction.of("acme-orders-audit", payload ->
                        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("clean", true)))
                    .input(run -> RunInput.target("orders-db"))
                    .sequential()
                    .build();
              }
            }
            """).provide("dev.ferry.deploy.rehearse.world.RehearsalWorld", "OrdersAuditWorld")
        .compile();
  }
}
