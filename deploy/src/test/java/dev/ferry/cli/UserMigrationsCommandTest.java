package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.deploy.load.UserClasses;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands with the user's migrations: --classpath directories and jars, and .java files. */
class UserMigrationsCommandTest {

  @TempDir Path dir;

  @Test
  void listShowsWhereEachMigrationCameFrom() throws Exception {
    Path classes = UserClasses.in(dir.resolve("a")).migration("OrdersCheck", "orders-check").compile();
    Path jar = UserClasses.in(dir.resolve("b")).migration("BillingCheck", "billing-check").jar("billing.jar");
    CliRun run = CliRun.of("list", "--classpath", classes + java.io.File.pathSeparator + jar);
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).containsPattern("orders-check\\s+1 steps\\s+" + java.util.regex.Pattern.quote(classes.toString()))
        .containsPattern("billing-check\\s+1 steps\\s+" + java.util.regex.Pattern.quote(jar.toString()))
        .containsPattern("postgres-schema-upgrade\\s+7 steps\\s+shipped");
  }

  @Test
  void oneInvalidMigrationIsReportedByNameWhileTheOthersStayUsable() throws Exception {
    Path classes = UserClasses.in(dir).migration("OrdersCheck", "orders-check")
        .source("Unsafe", """
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
            """).register("Unsafe").compile();
    CliRun list = CliRun.of("list", "--classpath", classes.toString());
    assertThat(list.exitCode()).isEqualTo(1);
    assertThat(list.out()).contains("orders-check").contains("postgres-schema-upgrade").doesNotContain("unsafe-upgrade");
    assertThat(list.err()).contains("not loaded: com.acme.Unsafe (" + classes + ")")
        .contains("Migration 'unsafe-upgrade' has 1 problem").contains("step 'apply-sql': upgrade without a backup before it");

    CliRun compileGood = CliRun.of("compile", "orders-check", "--classpath", classes.toString());
    assertThat(compileGood.exitCode()).as(compileGood.err()).isZero();
    assertThat(compileGood.out()).contains("ferry-schema-verify");

    CliRun compileBad = CliRun.of("plan", "unsafe-upgrade", "--classpath", classes.toString());
    assertThat(compileBad.exitCode()).isEqualTo(2);
    assertThat(compileBad.err()).startsWith("ferry plan: com.acme.Unsafe").contains("upgrade without a backup before it")
        .doesNotContain("\tat ").doesNotContain("Exception");
  }

  @Test
  void aSourceFileWorksWhereAMigrationNameDoes() throws Exception {
    Path file = Files.writeString(dir.resolve("OrdersCheck.java"), UserClasses.migrationSource("OrdersCheck", "orders-check"));
    CliRun graph = CliRun.of("graph", file.toString(), "--format", "dot");
    assertThat(graph.exitCode()).as(graph.err()).isZero();
    assertThat(graph.out()).startsWith("digraph \"orders-check\"");
    CliRun export = CliRun.of("export", "cloudformation", "--migration", file.toString());
    assertThat(export.exitCode()).as(export.err()).isZero();
    assertThat(export.out()).contains("ferry-orders-check");
  }

  @Test
  void aJavacErrorIsFileLineMessageAndANonZeroExit() throws Exception {
    Path file = Files.writeString(dir.resolve("Typo.java"), UserClasses.migrationSource("Typo", "typo")
        .replace("Expect.isTrue(", "Expect.isTru("));
    CliRun run = CliRun.of("compile", file.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(file + ":21: cannot find symbol").contains("symbol:   method isTru(")
        .doesNotContain("\tat ");
  }

  @Test
  void startRefusesAParameterValueThatDoesNotFitItsTypeBeforeTouchingTheTarget() {
    CliRun run = CliRun.of("start", "orders-db", "--migration", "postgres-schema-upgrade", "--region", "eu-west-1",
        "--param", "writers=orders-writer");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--param writers: 'orders-writer' is not a list of JSON objects");
  }

  @Test
  void ferryClassPathIsTheDefault() throws Exception {
    Path classes = UserClasses.in(dir).migration("OrdersCheck", "orders-check").compile();
    ProcessBuilder ferry = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Ferry.class.getName(), "list").redirectErrorStream(true);
    ferry.environment().put("FERRY_CLASSPATH", classes.toString());
    Process process = ferry.start();
    String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    assertThat(out).containsPattern("orders-check\\s+1 steps\\s+" + java.util.regex.Pattern.quote(classes.toString()));
  }

  @Test
  void anUnknownClassPathEntryIsBadInput() {
    CliRun run = CliRun.of("list", "--classpath", dir.resolve("target/classes").toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("target/classes does not exist");
  }
}
