package dev.ferry.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.asl.AslJson;
import dev.ferry.asl.AslValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectMigrationsTest {

  @TempDir Path dir;

  private static final String GOOD = """
      package com.acme;
      import dev.ferry.dsl.*;
      import dev.ferry.dsl.tasks.*;
      public final class OrdersCheck implements MigrationDefinition {
        @Override public dev.ferry.dsl.graph.MigrationGraph graph() {
          return Migration.named("orders-check").description("Check the orders schema")
              .parameter(Parameter.string("secretArn"))
              .step(Step.verify("verify-schema").invoke(FerryTasks.schemaVerify()
                  .secretArn(Ref.param("secretArn")).expectedVersion("1"))
                  .expect(Expect.isTrue(SchemaVerify.OK)))
              .build();
        }
      }
      """;

  private static final String UNSAFE = """
      package com.acme;
      import dev.ferry.dsl.*;
      import dev.ferry.dsl.tasks.*;
      public final class Unsafe implements MigrationDefinition {
        @Override public dev.ferry.dsl.graph.MigrationGraph graph() {
          return Migration.named("unsafe-upgrade")
              .step(Step.upgrade("apply-sql").invoke(FerryTasks.schemaMigrate().secretArn("s").location("classpath:db/demo").targetVersion("2")))
              .step(Step.verify("verify").invoke(FerryTasks.schemaVerify().secretArn("s").expectedVersion("2")).expect(Expect.isTrue(SchemaVerify.OK)))
              .build();
        }
      }
      """;

  @Test
  void compilesPlansAndChecksTheProjectsMigrationsAndLeavesTheShippedOnesOut() throws Exception {
    Path classes = project(List.of("OrdersCheck"), GOOD);
    try (ProjectMigrations migrations = ProjectMigrations.load(List.of(classes, dir.resolve("absent.jar")))) {
      assertThat(migrations.migrations()).extracting(m -> m.name()).containsExactly("orders-check");
      Path out = dir.resolve("target/ferry");
      assertThat(migrations.compileInto(out)).singleElement().asString().contains("orders-check.asl.json");
      assertThat(AslValidator.validate(AslJson.read(Files.readString(out.resolve("orders-check.asl.json"))))).isEmpty();
      assertThat(Files.readString(out.resolve("orders-check.mmd"))).startsWith("flowchart").contains("verify-schema");
      assertThat(String.join("\n", migrations.plans())).contains("verify-schema").contains("transitions");
      assertThat(migrations.check()).isEmpty();
    }
  }

  @Test
  void checkNamesTheRuleAndTheStepAtFault() throws Exception {
    Path classes = project(List.of("OrdersCheck", "Unsafe"), GOOD, UNSAFE);
    try (ProjectMigrations migrations = ProjectMigrations.load(List.of(classes))) {
      assertThat(migrations.migrations()).extracting(m -> m.name()).containsExactly("orders-check");
      assertThat(migrations.check()).singleElement().asString()
          .contains("com.acme.Unsafe").contains("step 'apply-sql'").contains("upgrade without a backup before it");
    }
  }

  private static final String NIGHTLY = """
      package com.acme;
      import static dev.ferry.dsl.Ref.param;
      import dev.ferry.dsl.*;
      import dev.ferry.dsl.tasks.*;
      public final class Nightly implements MigrationDefinition {
        @Override public dev.ferry.dsl.graph.MigrationGraph graph() {
          PauseStep pause = Step.pause("pause-writers").invoke(FerryTasks.writersPause().writers(param("writers")))
              .compensatedBy(self -> Step.resume("resume-paused-writers")
                  .invoke(FerryTasks.writersResume().paused(self.output(WritersPause.PAUSED))));
          return Migration.named("nightly-check").startedBy(dev.ferry.contract.Trigger.SCHEDULE)
              .parameter(Parameter.objectList("writers"))
              .step(pause)
              .step(Step.approval("approve-check", "Go on?"))
              .step(Step.resume("resume-writers").invoke(FerryTasks.writersResume().paused(pause.output(WritersPause.PAUSED)))
                  .resumes(pause))
              .build();
        }
      }
      """;

  @Test
  void aScheduledApprovalAfterAChangeIsAWarningNotAFailure() throws Exception {
    Path classes = project(List.of("OrdersCheck", "Nightly"), GOOD, NIGHTLY);
    try (ProjectMigrations migrations = ProjectMigrations.load(List.of(classes))) {
      assertThat(migrations.check()).isEmpty();
      assertThat(migrations.warnings()).singleElement().asString().startsWith("com.acme.Nightly: warning: migration"
          + " 'nightly-check', step 'approve-check': a scheduled run waits for an approval after changing the target.");
    }
  }

  private static final String AUDIT = """
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
      """;

  private static final String AUDIT_WORLD = """
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
      """;

  @Test
  void rehearsesEachMigrationThatHasAWorldAndNamesThoseWithout() throws Exception {
    Path classes = project(List.of("OrdersCheck", "OrdersAudit"), GOOD, AUDIT, AUDIT_WORLD);
    Files.writeString(classes.resolve("META-INF/services/dev.ferry.deploy.rehearse.world.RehearsalWorld"), "com.acme.OrdersAuditWorld\n");
    try (ProjectMigrations migrations = ProjectMigrations.load(List.of(classes))) {
      List<String> failures = new java.util.ArrayList<>();
      List<String> lines = migrations.rehearse(failures);
      assertThat(failures).isEmpty();
      assertThat(lines).contains("no rehearsal world (a RehearsalWorld service) for: orders-check");
      assertThat(lines).anySatisfy(l -> assertThat(l).matches("orders-audit: \\d+ passed, 0 failed"));
      assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("orders-audit audit-orders throws: pass"));
    }
  }

  private Path project(List<String> registered, String... sources) throws Exception {
    Path src = Files.createDirectories(dir.resolve("src"));
    Path classes = Files.createDirectories(dir.resolve("classes"));
    List<String> args = new java.util.ArrayList<>(List.of("-d", classes.toString(), "-proc:none",
        "-classpath", System.getProperty("java.class.path")));
    for (String source : sources) {
      String name = source.replaceAll("(?s).*public final class (\\w+).*", "$1");
      args.add(Files.writeString(src.resolve(name + ".java"), source).toString());
    }
    assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new))).isZero();
    Path services = Files.createDirectories(classes.resolve("META-INF/services"));
    Files.write(services.resolve("dev.ferry.dsl.MigrationDefinition"), registered.stream().map(c -> "com.acme." + c).toList());
    return classes;
  }
}
