package dev.ferry.deploy.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.deploy.FerryException;
import dev.ferry.deploy.TableNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationCatalogTest {

  @TempDir Path dir;

  @Test
  void findsTheUsersMigrationsInADirectoryAndAJarBesideTheShippedOnes() throws Exception {
    Path classes = UserClasses.in(dir.resolve("a")).migration("OrdersCheck", "orders-check").compile();
    Path jar = UserClasses.in(dir.resolve("b")).migration("BillingCheck", "billing-check").jar("billing.jar");
    try (MigrationCatalog catalog = MigrationCatalog.load(List.of(classes, jar))) {
      assertThat(catalog.problems()).isEmpty();
      assertThat(catalog.named("orders-check").origin()).isEqualTo(new MigrationOrigin.ClassPathEntry(classes));
      assertThat(catalog.named("billing-check").origin()).isEqualTo(new MigrationOrigin.ClassPathEntry(jar));
      assertThat(catalog.named("postgres-schema-upgrade").origin()).isEqualTo(new MigrationOrigin.Shipped());
      assertThat(catalog.userMigrations()).extracting(MigrationCatalog.Found::name).containsExactly("billing-check", "orders-check");
      assertThat(catalog.named("orders-check").compile(TableNames.DEFAULT).definitionJson()).contains("ferry-schema-verify");
      // The user's classes live in a loader of their own whose parent is Ferry's.
      Class<?> user = catalog.classLoader().loadClass("com.acme.OrdersCheck");
      assertThat(user.getClassLoader()).isSameAs(catalog.classLoader());
      assertThat(catalog.classLoader().getParent()).isSameAs(MigrationCatalog.class.getClassLoader());
    }
  }

  @Test
  void twoMigrationsWithOneNameAreAProblemNamingBothOriginsAndTheOthersStayUsable() throws Exception {
    Path classes = UserClasses.in(dir.resolve("a")).migration("OrdersCheck", "orders-check")
        .migration("Other", "other-check").compile();
    Path jar = UserClasses.in(dir.resolve("b")).migration("OrdersCheckToo", "orders-check").jar("more.jar");
    try (MigrationCatalog catalog = MigrationCatalog.load(List.of(classes, jar))) {
      assertThat(catalog.problems()).singleElement().satisfies(p -> assertThat(p.message())
          .contains("two migrations are named 'orders-check'")
          .contains("com.acme.OrdersCheck (" + classes + ")")
          .contains("com.acme.OrdersCheckToo (" + jar + ")"));
      assertThatThrownBy(() -> catalog.named("orders-check")).isInstanceOf(FerryException.class)
          .hasMessageContaining(classes.toString()).hasMessageContaining(jar.toString());
      assertThat(catalog.named("other-check").origin()).isEqualTo(new MigrationOrigin.ClassPathEntry(classes));
    }
  }

  @Test
  void aMissingClassAGraphThatThrowsAndAnInvalidGraphAreReportedByClassAndCause() throws Exception {
    Path classes = UserClasses.in(dir)
        .migration("Good", "good-check")
        .register("Missing")
        .source("Throws", """
            package com.acme;
            public final class Throws implements dev.ferry.dsl.MigrationDefinition {
              @Override public dev.ferry.dsl.graph.MigrationGraph graph() {
                throw new IllegalStateException("no cluster configured");
              }
            }
            """).register("Throws")
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
            """).register("Unsafe")
        .compile();
    try (MigrationCatalog catalog = MigrationCatalog.load(List.of(classes))) {
      assertThat(catalog.userMigrations()).extracting(MigrationCatalog.Found::name).containsExactly("good-check");
      List<String> problems = catalog.problems().stream().map(LoadProblem::message).toList();
      assertThat(problems).hasSize(3);
      assertThat(problems).anySatisfy(m -> assertThat(m).contains("com.acme.Missing").contains("not found")
          .contains("META-INF/services"));
      assertThat(problems).anySatisfy(m -> assertThat(m).startsWith("com.acme.Throws (" + classes + "): graph() threw")
          .contains("IllegalStateException: no cluster configured").contains("at com.acme.Throws.graph(Throws.java:4)"));
      assertThat(problems).anySatisfy(m -> assertThat(m).startsWith("com.acme.Unsafe (" + classes + ")")
          .contains("step 'apply-sql'").contains("upgrade without a backup before it"));
      assertThatThrownBy(() -> catalog.named("unsafe-upgrade")).isInstanceOf(FerryException.class)
          .hasMessageContaining("upgrade without a backup before it");
      assertThatThrownBy(() -> catalog.named("nope")).hasMessageContaining("Unknown migration 'nope'")
          .hasMessageContaining("Not loaded: com.acme.Throws");
    }
  }

  @Test
  void aClassPathEntryThatDoesNotExistIsBadInput() {
    assertThatThrownBy(() -> MigrationCatalog.load(List.of(dir.resolve("target/classes"))))
        .isInstanceOf(FerryException.class).hasMessageContaining("target/classes does not exist");
  }

  @Test
  void aSourceFileIsCompiledAndItsMigrationFoundWithoutARegistration() throws Exception {
    Path file = Files.writeString(dir.resolve("OrdersCheck.java"), UserClasses.migrationSource("OrdersCheck", "orders-check"));
    try (MigrationCatalog catalog = MigrationCatalog.withSource(file, List.of())) {
      MigrationCatalog.Found found = catalog.declaredIn(file);
      assertThat(found.name()).isEqualTo("orders-check");
      assertThat(found.origin()).isEqualTo(new MigrationOrigin.SourceFile(file));
      assertThat(catalog.resolve(file.toString())).isEqualTo(found);
      assertThat(catalog.named("postgres-schema-upgrade").origin()).isEqualTo(new MigrationOrigin.Shipped());
    }
  }

  @Test
  void javacErrorsArePrintedAsFileLineMessage() throws Exception {
    Path file = Files.writeString(dir.resolve("Broken.java"), """
        package com.acme;

        public final class Broken implements dev.ferry.dsl.MigrationDefinition {
          @Override public dev.ferry.dsl.graph.MigrationGraph graph() {
            return Migration.named("broken").build();
          }
        }
        """);
    assertThatThrownBy(() -> MigrationCatalog.withSource(file, List.of()))
        .isInstanceOf(FerryException.class)
        .hasMessageContaining(file + " does not compile (1 error)")
        .hasMessageContaining(file + ":5: cannot find symbol");
  }

  @Test
  void aRuntimeWithoutACompilerSaysSoAndHowToGetOne() throws Exception {
    Path file = Files.writeString(dir.resolve("OrdersCheck.java"), UserClasses.migrationSource("OrdersCheck", "orders-check"));
    assertThatThrownBy(() -> MigrationCatalog.withSource(file, List.of(), new SourceCompiler(() -> null)))
        .isInstanceOf(FerryException.class)
        .hasMessageContaining("has no Java compiler")
        .satisfies(e -> assertThat(((FerryException) e).hint()).contains("JDK 21"));
  }

  @Test
  void aSourceFileWithoutAMigrationIsBadInput() throws Exception {
    Path file = Files.writeString(dir.resolve("Util.java"), "package com.acme; public final class Util {}\n");
    try (MigrationCatalog catalog = MigrationCatalog.withSource(file, List.of())) {
      assertThatThrownBy(() -> catalog.declaredIn(file)).hasMessageContaining("declares no class implementing");
    }
  }

  @Test
  void classPathValuesSplitOnThePathSeparator() {
    assertThat(MigrationCatalog.parseClassPath("a/classes" + java.io.File.pathSeparator + "lib/x.jar"))
        .containsExactly(Path.of("a/classes"), Path.of("lib/x.jar"));
    assertThat(MigrationCatalog.parseClassPath("  ")).isEmpty();
    assertThat(MigrationCatalog.parseClassPath(null)).isEmpty();
  }
}
