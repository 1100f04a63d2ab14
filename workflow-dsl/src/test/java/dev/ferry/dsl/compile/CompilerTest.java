package dev.ferry.dsl.compile;

import static dev.ferry.dsl.TestFunctions.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.asl.AslValidator;
import dev.ferry.asl.State;
import dev.ferry.dsl.Examples;
import dev.ferry.dsl.Migration;
import dev.ferry.dsl.MigrationValidationException;
import dev.ferry.dsl.Parameter;
import dev.ferry.dsl.Payload;
import dev.ferry.dsl.Ref;
import dev.ferry.dsl.Step;
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
    NodeTools.requireOrSkip(why);
    CompiledMigration compiled = Compiler.compile(Examples.postgresSchemaUpgrade().build());
    Path file = dir.resolve("postgres-schema-upgrade.asl.json");
    Files.writeString(file, compiled.json());
    JsonNode verdict = NodeTools.validate(file);
    assertThat(verdict.get("isValid").asBoolean()).as("%s", verdict.get("errors")).isTrue();
  }

  @Test
  void sizeSummedStateByStateEqualsTheCompactDefinition() {
    for (var m : java.util.List.of(Examples.postgresSchemaUpgrade(), Examples.everyFeature())) {
      CompiledMigration compiled = Compiler.compile(m.build());
      assertThat(Compiler.compactSize(compiled.machine())).isEqualTo(compiled.sizeBytes());
    }
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

  @Test
  void everyFeaturePassesBothValidators() throws Exception {
    CompiledMigration compiled = Compiler.compile(Examples.everyFeature().build());
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/every-feature.asl.json"), compiled.json());
    assertThat(AslValidator.validate(compiled.machine())).isEmpty();
    var why = NodeTools.unavailable();
    NodeTools.failIfRequired(why);
    if (why.isEmpty()) {
      Path file = dir.resolve("every-feature.asl.json");
      Files.writeString(file, compiled.json());
      JsonNode verdict = NodeTools.validate(file);
      assertThat(verdict.get("isValid").asBoolean()).as("%s", verdict.get("errors")).isTrue();
    }
  }

  @Test
  void parallelGroupsMergeBranchResultsUnderTheGroupAndLaterStepsReadThem() throws Exception {
    JsonNode states = new ObjectMapper().readTree(Compiler.compile(Examples.everyFeature().build()).json()).get("States");
    JsonNode par = states.get("Backup all");
    assertThat(par.get("Type").asText()).isEqualTo("Parallel");
    assertThat(par.get("ResultPath").asText()).isEqualTo("$.steps.backup-all");
    assertThat(par.get("ResultSelector").get("clone-bucket.$").asText()).isEqualTo("$[1].steps.clone-bucket");
    assertThat(states.get("Update iam role").get("Parameters").get("Payload").get("backup.$").asText())
        .isEqualTo("$.steps.backup-all.extract-backup.poll.result.location");
    assertThat(states.get("Update iam role").get("Parameters").get("Payload").get("tables.$").asText())
        .isEqualTo("States.Array($.parameters.cluster, 'x')");
  }

  @Test
  void approvalsWaitForATaskTokenAndMapRejectionAndTimeout() throws Exception {
    JsonNode approval = new ObjectMapper().readTree(Compiler.compile(Examples.everyFeature().build()).json())
        .get("States").get("Approve disable");
    assertThat(approval.get("Resource").asText()).isEqualTo("arn:aws:states:::lambda:invoke.waitForTaskToken");
    assertThat(approval.get("Parameters").get("Payload").get("taskToken.$").asText()).isEqualTo("$$.Task.Token");
    assertThat(approval.get("TimeoutSeconds").asInt()).isEqualTo(12 * 3600);
    assertThat(approval.get("Catch").findValuesAsText("Next"))
        .containsExactly("Record failure (rejected), undo rollback-code-to-3-0",
            "Record failure (unanswered), undo rollback-code-to-3-0", "Record failure, undo rollback-code-to-3-0");
    assertThat(approval.get("Catch").get(1).get("ErrorEquals").toString()).isEqualTo("[\"States.Timeout\",\"States.HeartbeatTimeout\"]");
  }

  @Test
  void versionAtLeastComparesNumericComponents() throws Exception {
    JsonNode states = new ObjectMapper().readTree(Compiler.compile(Examples.everyFeature().build()).json()).get("States");
    // The call keeps the raw result: the versions are parsed only after the check proved them strings.
    assertThat(states.get("Check version").get("ResultSelector").toString()).doesNotContain("StringSplit");
    assertThat(states.get("Check: check-version result").toString())
        .contains("\"IsString\":true", "$.steps.check-version.result.actual");
    JsonNode parse = states.get("Parse versions: check-version").get("Parameters");
    assertThat(parse.get("actual").get("patch.$").asText()).isEqualTo(
        "States.StringToJson(States.ArrayGetItem(States.StringSplit(States.Format('{}.0.0', $.steps.check-version.result.actual), '.'), 2))");
    String rule = states.get("Compare versions: check-version").get("Choices").get(0).toString();
    assertThat(rule).contains("\"NumericGreaterThan\":2", "\"NumericGreaterThanEquals\":2", "$.steps.check-version.versions.actual.patch");
  }

  @Test
  void definitionsOverOneMegabyteAreRejectedWithTheSize() {
    Migration big = Migration.named("huge").parameter(Parameter.string("secretArn"));
    for (int i = 0; i < 3000; i++) {
      big.step(Step.backup("backup-" + i).invoke(fn("f").call(Payload.of("s", Ref.param("secretArn")))));
    }
    assertThatThrownBy(() -> Compiler.compile(big.build()))
        .isInstanceOf(MigrationValidationException.class)
        .hasMessageContaining("migration 'huge': definition larger than 1 MB")
        .hasMessageContaining("bytes without whitespace (3000 steps); Step Functions accepts at most 1,048,576.");
  }
}
