package dev.ferry.dsl.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.asl.AslValidator;
import dev.ferry.asl.State;
import dev.ferry.dsl.Examples;
import dev.ferry.dsl.graph.MigrationGraph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompilerTest {

  @TempDir Path dir;

  @Test
  void realisticMigrationPassesTheAslModelValidator() throws Exception {
    CompiledMigration compiled = Compiler.compile(Examples.postgresSchemaUpgrade().build());
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/postgres-schema-upgrade.asl.json"), compiled.json());
    assertThat(AslValidator.validate(compiled.machine())).isEmpty();
  }

  @Test
  void realisticMigrationPassesTheNpmAslValidator() throws Exception {
    var why = NodeTools.unavailable();
    assumeTrue(why.isEmpty(), () -> why.orElse(""));
    CompiledMigration compiled = Compiler.compile(Examples.postgresSchemaUpgrade().build());
    Path file = dir.resolve("postgres-schema-upgrade.asl.json");
    Files.writeString(file, compiled.json());
    JsonNode verdict = NodeTools.validate(file);
    assertThat(verdict.get("isValid").asBoolean()).as("%s", verdict.get("errors")).isTrue();
  }

  @Test
  void sameGraphGivesSameBytes() {
    MigrationGraph a = Examples.postgresSchemaUpgrade().build();
    MigrationGraph b = Examples.postgresSchemaUpgrade().build();
    assertThat(Compiler.compile(a).json()).isEqualTo(Compiler.compile(b).json());
  }

  @Test
  void everyStateHasACommentNamingItsKindAndNamesFitTheLimit() {
    Map<String, State> states = Compiler.compile(Examples.postgresSchemaUpgrade().build()).machine().states();
    assertThat(states).allSatisfy((name, state) -> {
      assertThat(name.length()).isLessThanOrEqualTo(80);
      assertThat(state.comment()).get().asString()
          .matches("(backup|pause|upgrade|verify|resume|rollback|approval|guard|progress|audit|lock|input)\\b.*");
    });
  }

  @Test
  void lockAndFirstStepStartAreOneTransaction() throws Exception {
    JsonNode root = new ObjectMapper().readTree(Compiler.compile(Examples.postgresSchemaUpgrade().build()).json());
    JsonNode lock = root.get("States").get(StateNames.ACQUIRE_LOCK);
    assertThat(lock.get("Resource").asText()).isEqualTo("arn:aws:states:::aws-sdk:dynamodb:transactWriteItems");
    JsonNode items = lock.get("Parameters").get("TransactItems");
    assertThat(items.get(0).get("Update").get("ConditionExpression").asText())
        .isEqualTo("attribute_not_exists(#lockHolder) OR #lockHolder = :self");
    assertThat(items.get(2).get("Put").get("Item").get("entry").get("S.$").asText())
        .isEqualTo("States.Format('{}#001#schema-upgrade-needed#STARTED', $$.Execution.Name)");
    assertThat(lock.get("Catch").get(0).get("ErrorEquals").get(0).asText()).isEqualTo("DynamoDb.TransactionCanceledException");
    assertThat(root.get("States").get(StateNames.LOCK_HELD).get("Error").asText()).isEqualTo("Ferry.LockHeld");
  }
}
