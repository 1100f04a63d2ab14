package dev.ferry.asl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Machines built with the model and written by {@link AslJson} pass the independent npm
 * {@code asl-validator} (via {@code tools/asl/validate.mjs}). Skips when {@code node} or
 * {@code tools/asl/node_modules} is missing ({@code npm ci --prefix tools/asl} installs it).
 */
class AslValidatorNodeCrossCheckTest {

    private static Path script;

    @TempDir
    Path dir;

    @BeforeAll
    static void findTools() {
        var tools = findUp(Path.of("").toAbsolutePath(), "tools/asl");
        assumeTrue(tools.isPresent() && Files.isRegularFile(tools.get().resolve("validate.mjs")),
                "tools/asl/validate.mjs not found above " + Path.of("").toAbsolutePath());
        assumeTrue(Files.isDirectory(tools.get().resolve("node_modules/asl-validator")),
                "asl-validator is not installed; run: npm ci --prefix tools/asl");
        assumeTrue(nodeWorks(), "node is not on PATH; install Node 20+ to cross-check with asl-validator");
        script = tools.get().resolve("validate.mjs");
    }

    @Test
    void modelBuiltMachinesPassAslValidator() throws Exception {
        var machines = new LinkedHashMap<String, StateMachine>();
        machines.put("restore", AslJsonTest.restoreMachine());
        machines.put("parallel-and-map", parallelAndMap());
        machines.put("jsonata", jsonata());
        var verdicts = validate(machines);
        verdicts.forEach((name, verdict) -> assertThat(verdict.get("isValid").asBoolean())
                .as("%s: %s", name, verdict.get("errors")).isTrue());
        assertThat(verdicts).hasSize(3);
        machines.values().forEach(m -> assertThat(AslValidator.validate(m)).isEmpty());
    }

    @Test
    void aMachineBothValidatorsRejectFailsTheCrossCheck() throws Exception {
        var broken = StateMachine.builder("Snapshot")
                .state("Snapshot", TaskState.builder("arn:aws:states:::lambda:invoke").next("Nowhere").build())
                .build();
        var verdict = validate(Map.of("broken", broken)).get("broken");
        assertThat(verdict.get("isValid").asBoolean()).isFalse();
        assertThat(verdict.get("errors").toString()).contains("Nowhere");
        assertThat(AslValidator.validate(broken)).extracting(AslProblem::message)
                .anySatisfy(m -> assertThat(m).contains("Next names \"Nowhere\""));
    }

    private static StateMachine parallelAndMap() {
        var nodes = JsonNodeFactory.instance;
        return StateMachine.builder("Backups")
                .comment("pachyderm-major-migration")
                .state("Backups", ParallelState.builder()
                        .branch(Branch.builder("Snapshot")
                                .state("Snapshot", TaskState.builder("arn:aws:states:::aws-sdk:rds:createDBSnapshot")
                                        .parameters(nodes.objectNode().put("DbSnapshotIdentifier.$",
                                                "States.Format('ferry-{}', $$.Execution.Name)"))
                                        .end().build())
                                .build())
                        .branch(Branch.builder("Clone buckets")
                                .state("Clone buckets", MapState.builder()
                                        .itemsPath("$.buckets")
                                        .itemSelector(nodes.objectNode().put("bucket.$", "$$.Map.Item.Value"))
                                        .maxConcurrency(4)
                                        .itemProcessor(ItemProcessor.builder("Clone")
                                                .processorConfig(ProcessorConfig.inline())
                                                .state("Clone", TaskState.builder("arn:aws:states:::lambda:invoke")
                                                        .parameters(nodes.objectNode().put("FunctionName", "clone"))
                                                        .end().build())
                                                .build())
                                        .resultPath(DataPath.nullPath())
                                        .end().build())
                                .build())
                        .resultPath("$.backups")
                        .retry(Retrier.builder("States.ALL").maxAttempts(2).build())
                        .catcher(Catcher.builder(List.of("States.ALL"), "Failed").resultPath("$.error").build())
                        .next("Approved?").build())
                .state("Approved?", ChoiceState.builder()
                        .choice(Condition.or(Condition.booleanEquals("$.approved", true),
                                Condition.testPath("$.version", ComparisonOperator.STRING_EQUALS_PATH, "$.target")),
                                "Done")
                        .defaultState("Failed").build())
                .state("Done", SucceedState.builder().build())
                .state("Failed", FailState.builder().error("Ferry.StepFailed").cause("backup failed").build())
                .build();
    }

    private static StateMachine jsonata() {
        var nodes = JsonNodeFactory.instance;
        return StateMachine.builder("Read version")
                .queryLanguage(QueryLanguage.JSONATA)
                .state("Read version", TaskState.builder("arn:aws:states:::lambda:invoke")
                        .arguments(nodes.objectNode().put("FunctionName", "ferry-schema-version")
                                .put("Payload", "{% $states.input %}"))
                        .output(nodes.textNode("{% $states.result.Payload %}"))
                        .assign(nodes.objectNode().put("version", "{% $states.result.Payload.version %}"))
                        .timeoutSeconds(60)
                        .next("Current?").build())
                .state("Current?", ChoiceState.builder()
                        .choice(Condition.jsonata("{% $version >= 3 %}"), "Done")
                        .defaultState("Too old").build())
                .state("Done", SucceedState.builder().build())
                .state("Too old", FailState.builder().error("Ferry.VersionTooOld")
                        .cause("{% 'schema version ' & $string($version) %}").build())
                .build();
    }

    private Map<String, JsonNode> validate(Map<String, StateMachine> machines) throws Exception {
        var command = new ArrayList<>(List.of("node", script.toString()));
        var fileToName = new LinkedHashMap<String, String>();
        for (var entry : machines.entrySet()) {
            var file = dir.resolve(entry.getKey() + ".asl.json");
            Files.write(file, AslJson.write(entry.getValue()));
            command.add(file.toString());
            fileToName.put(file.toString(), entry.getKey());
        }
        var process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("validate.mjs finished").isTrue();
        assertThat(process.exitValue()).as("validate.mjs exit status (2 = usage or read error)").isIn(0, 1);
        var mapper = JsonMapper.builder().build();
        var verdicts = new LinkedHashMap<String, JsonNode>();
        for (var line : output.strip().split("\n")) {
            var verdict = mapper.readTree(line);
            verdicts.put(fileToName.get(verdict.get("file").asText()), verdict);
        }
        return verdicts;
    }

    private static Optional<Path> findUp(Path start, String relative) {
        for (var dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(relative))) {
                return Optional.of(dir.resolve(relative));
            }
        }
        return Optional.empty();
    }

    private static boolean nodeWorks() {
        try {
            var process = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
