package dev.ferry.engine.bench;

import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.engine.Execution;
import dev.ferry.engine.ExecutionResult;
import dev.ferry.engine.ExecutionStatus;
import dev.ferry.engine.LocalEngine;
import dev.ferry.engine.StateMachineDefinition;
import dev.ferry.engine.data.Json;
import dev.ferry.engine.tasks.MockConfig;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The engine side of {@code local-engine/bench/run.sh}. {@code definitions DIR} writes the shared
 * workload definitions and inputs; {@code run WORKLOAD DIR} runs one workload in this process and
 * prints a JSON line (the script times the whole process, JVM start included). {@code train DIR}
 * runs each workload at a small size, to record the JVM's ahead-of-time cache (class loading and
 * linking, method profiles) that the timed runs start from.
 */
public final class Bench {
  private Bench() {}

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "definitions" -> writeDefinitions(Path.of(args[1]));
      case "run" -> run(args[1], Path.of(args[2]));
      case "train" -> train(Path.of(args[1]));
      default -> throw new IllegalArgumentException("usage: Bench definitions DIR | run map100k|chain1000|migration1000|start|parked10k DIR | train DIR");
    }
  }

  static void writeDefinitions(Path dir) throws Exception {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("map100k.asl.json"), """
        {"StartAt":"Each","States":{"Each":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":0,
          "ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"Check","States":{
            "Check":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThanEquals":50000,"Next":"High"}],"Default":"Low"},
            "High":{"Type":"Pass","Parameters":{"n.$":"$.n","band":"high"},"End":true},
            "Low":{"Type":"Pass","Parameters":{"n.$":"$.n","band":"low"},"End":true}}},
          "ResultSelector":{"count.$":"States.ArrayLength($)"},"End":true}}}
        """);
    ObjectNode input = Json.object();
    ArrayNode items = input.putArray("items");
    for (int i = 0; i < 100_000; i++) {
      items.addObject().put("n", i);
    }
    Files.writeString(dir.resolve("map100k.input.json"), Json.write(input));

    ObjectNode chain = Json.object();
    chain.put("StartAt", "P0");
    ObjectNode states = chain.putObject("States");
    for (int i = 0; i < 1000; i++) {
      ObjectNode state = states.putObject("P" + i);
      state.put("Type", "Pass");
      if (i == 999) {
        state.put("End", true);
      } else {
        state.put("Next", "P" + (i + 1));
      }
    }
    Files.writeString(dir.resolve("chain1000.asl.json"), Json.write(chain));
    Files.writeString(dir.resolve("chain1000.input.json"), "{\"migration\":\"orders-v2\",\"step\":1}");

    Files.writeString(dir.resolve("start.asl.json"), "{\"StartAt\":\"Only\",\"States\":{\"Only\":{\"Type\":\"Pass\",\"End\":true}}}");
    Files.writeString(dir.resolve("start.input.json"), "{\"step\":1}");

    Path repo = Path.of(System.getProperty("ferry.root", "."));
    Path example = repo.resolve("state-machines/examples/postgres-schema-upgrade");
    Files.copy(repo.resolve("state-machines/generated/postgres-schema-upgrade.asl.json"), dir.resolve("migration1000.asl.json"), REPLACE_EXISTING);
    Files.copy(example.resolve("input.json"), dir.resolve("migration1000.input.json"), REPLACE_EXISTING);
    Files.copy(example.resolve("mocks.json"), dir.resolve("migration1000.mocks.json"), REPLACE_EXISTING);
  }

  static void run(String workload, Path dir) throws Exception {
    long start = System.nanoTime();
    String detail =
        switch (workload) {
          case "map100k" -> map(dir, Integer.MAX_VALUE);
          case "chain1000" -> chain(dir, 1000);
          case "migration1000" -> migration(dir, 1000);
          case "start" -> start(dir);
          case "parked10k" -> parked();
          default -> throw new IllegalArgumentException("unknown workload " + workload);
        };
    System.out.printf("{\"engine\":\"ferry\",\"workload\":\"%s\",\"inProcessMillis\":%d,%s}%n", workload, (System.nanoTime() - start) / 1_000_000, detail);
  }

  /** Smaller than the timed workloads (2 % of the Map's items, 5 % of the executions), on the same definitions. */
  static void train(Path dir) throws Exception {
    System.out.printf("{\"training\":[%s,%s,%s]}%n", map(dir, 2_000), chain(dir, 50), migration(dir, 50));
  }

  private static String map(Path dir, int limit) throws Exception {
    JsonNode definition = Json.parse(Files.readString(dir.resolve("map100k.asl.json")));
    JsonNode input = Json.parse(Files.readString(dir.resolve("map100k.input.json")));
    ArrayNode items = (ArrayNode) input.get("items");
    while (items.size() > limit) {
      items.remove(items.size() - 1);
    }
    try (LocalEngine engine = LocalEngine.builder().build()) {
      ExecutionResult r = engine.start(definition, "map", input).await();
      check(r);
      return "\"items\":" + r.output().get("count").asInt();
    }
  }

  /** The fixed cost: one execution of a one-Pass machine, so the process is mostly start-up. */
  private static String start(Path dir) throws Exception {
    JsonNode definition = Json.parse(Files.readString(dir.resolve("start.asl.json")));
    JsonNode input = Json.parse(Files.readString(dir.resolve("start.input.json")));
    try (LocalEngine engine = LocalEngine.builder().build()) {
      check(engine.start(definition, "start", input).await());
    }
    return "\"executions\":1";
  }

  private static String chain(Path dir, int runs) throws Exception {
    JsonNode definition = Json.parse(Files.readString(dir.resolve("chain1000.asl.json")));
    JsonNode input = Json.parse(Files.readString(dir.resolve("chain1000.input.json")));
    try (LocalEngine engine = LocalEngine.builder().build()) {
      StateMachineDefinition machine = engine.createStateMachine("chain", definition);
      for (int i = 0; i < runs; i++) {
        check(engine.start(machine, "chain-" + i, input).await());
      }
    }
    return "\"executions\":" + runs;
  }

  /**
   * The shipped postgres-schema-upgrade migration, run 1,000 times with every Task (Lambda and
   * DynamoDB alike) answered in-process from the MockConfigFile test case HappyPath, as the peer does.
   */
  private static String migration(Path dir, int runs) throws Exception {
    JsonNode definition = Json.parse(Files.readString(dir.resolve("migration1000.asl.json")));
    JsonNode input = Json.parse(Files.readString(dir.resolve("migration1000.input.json")));
    MockConfig mocks = MockConfig.load(dir.resolve("migration1000.mocks.json"));
    try (LocalEngine engine = LocalEngine.builder().mocks(mocks).build()) {
      StateMachineDefinition machine = engine.createStateMachine("postgres-schema-upgrade", definition);
      JsonNode first = null;
      for (int i = 0; i < runs; i++) {
        ExecutionResult r = engine.start(machine, "migration-" + i, input, "HappyPath").await();
        check(r);
        first = first == null ? r.output() : first;
      }
      return "\"executions\":" + runs + ",\"firstOutputKeys\":" + Json.write(fieldNames(first));
    }
  }

  /** 10,000 executions parked on task tokens at once; reports the heap they hold after a full GC. */
  private static String parked() throws Exception {
    int count = 10_000;
    ConcurrentLinkedQueue<String> tokens = new ConcurrentLinkedQueue<>();
    JsonNode definition = Json.parse("""
        {"StartAt":"Approve","States":{"Approve":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
          "Parameters":{"FunctionName":"ferry-approval-request","Payload":{"taskToken.$":"$$.Task.Token","step":"cutover"}},
          "TimeoutSeconds":86400,"End":true}}}
        """);
    System.gc();
    long before = usedHeap();
    try (LocalEngine engine = LocalEngine.builder().lambda("ferry-approval-request", p -> {
          tokens.add(p.get("taskToken").asText());
          return Json.object();
        }).build()) {
      List<Execution> executions = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        executions.add(engine.start(definition, "parked-" + i, Json.parse("{\"target\":\"orders\",\"i\":" + i + "}")));
      }
      while (tokens.size() < count) {
        Thread.sleep(10);
      }
      System.gc();
      long parkedHeap = usedHeap() - before;
      long running = executions.stream().filter(e -> e.status() == ExecutionStatus.RUNNING).count();
      for (String token : tokens) {
        engine.sendTaskSuccess(token, Json.parse("{\"approvedBy\":\"bench\"}"));
      }
      for (Execution e : executions) {
        check(e.await());
      }
      return String.format("\"parked\":%d,\"heapMiB\":%.1f,\"maxHeapMiB\":%d", running, parkedHeap / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576);
    }
  }

  private static ArrayNode fieldNames(JsonNode node) {
    ArrayNode names = Json.NODES.arrayNode();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static long usedHeap() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static void check(ExecutionResult r) {
    if (r.status() != ExecutionStatus.SUCCEEDED) {
      throw new IllegalStateException("benchmark execution ended " + r.status() + ": " + r.error() + " " + r.cause());
    }
  }
}
