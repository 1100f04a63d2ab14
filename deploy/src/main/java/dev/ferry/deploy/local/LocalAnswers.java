package dev.ferry.deploy.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contract.ErrorName;
import dev.ferry.contract.Phase;
import dev.ferry.deploy.ExecutionInfo;
import dev.ferry.deploy.FerryException;
import dev.ferry.deploy.Progress;
import dev.ferry.deploy.ProgressStore;
import dev.ferry.engine.ExecutionStatus;
import dev.ferry.engine.LocalEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Answers a {@link LocalTarget}'s approvals and stops, across processes too: an answer for a run
 * of this process goes straight to its engine; one for a run another live process holds is left
 * in {@code answers/}, where that process's delivery loop takes it.
 */
final class LocalAnswers {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration ANSWER_POLL = Duration.ofMillis(200);
  private static final Duration STOP_WAIT = Duration.ofSeconds(30);

  private final ProgressStore store;
  private final ExecutionRecords records;
  private final Path answers;
  private final Map<String, LocalRun> runs;
  private final Supplier<LocalEngine> engine;
  private final Function<String, FerryException> missing;
  private Thread delivery;

  /**
   * @param runs this process's runs, by execution name
   * @param missing the error for an execution name neither this process nor the records know
   */
  LocalAnswers(ProgressStore store, ExecutionRecords records, Path answers, Map<String, LocalRun> runs,
      Supplier<LocalEngine> engine, Function<String, FerryException> missing) {
    this.store = store;
    this.records = records;
    this.answers = answers;
    this.runs = runs;
    this.engine = engine;
    this.missing = missing;
  }

  String approve(String target, String by, String comment) {
    Progress.PendingApproval pending = store.pendingApproval(target);
    ObjectNode output = JSON.createObjectNode().put("decision", Phase.APPROVED.name())
        .put("approvedBy", by).put("comment", comment);
    answer(target, pending, new Answer(pending.token(), true, output, null, null));
    store.recordDecision(target, pending, Phase.APPROVED, by, comment, Instant.now());
    return pending.step();
  }

  String reject(String target, String by, String reason) {
    Progress.PendingApproval pending = store.pendingApproval(target);
    ObjectNode cause = JSON.createObjectNode().put("decision", Phase.REJECTED.name())
        .put("step", pending.step()).put("rejectedBy", by).put("reason", reason);
    answer(target, pending, new Answer(pending.token(), false, null, ErrorName.REJECTED.errorName(), cause.toString()));
    store.recordDecision(target, pending, Phase.REJECTED, by, reason, Instant.now());
    return pending.step();
  }

  /**
   * Asks the live process {@code record} names to stop run {@code name} and waits until the run's
   * record says it ended.
   */
  ExecutionInfo stopElsewhere(String name, String cause, ExecutionRecord record) {
    write(answers.resolve("stop-" + name + "-" + System.nanoTime() + ".json"),
        JSON.createObjectNode().put("stop", name).put("cause", cause).toString());
    Instant deadline = Instant.now().plus(STOP_WAIT);
    while (Instant.now().isBefore(deadline)) {
      Optional<ExecutionRecord> now = records.find(name).filter(r -> r.info().isTerminal());
      if (now.isPresent()) {
        return now.get().info();
      }
      sleep(ANSWER_POLL);
    }
    throw FerryException.badInput("execution " + name + " runs in process " + record.pid()
            + ", which did not stop it within " + STOP_WAIT.toSeconds() + " s",
        "check that process; the stop request stays in " + answers + " until it takes it");
  }

  /** An approval answer; {@code approved} with its output, else the failure's error and cause. */
  private record Answer(String token, boolean approved, JsonNode output, String error, String cause) {}

  private void answer(String target, Progress.PendingApproval pending, Answer answer) {
    String name = LocalTarget.nameOf(store.requireProgress(target).execution());
    if (runs.containsKey(name)) {
      deliver(answer);
    } else {
      ExecutionRecord record = records.find(name).orElseThrow(() -> missing.apply(name));
      if (!record.isLive()) {
        store.clearApproval(target, pending.token());
        throw FerryException.badInput(
            "execution " + name + " waiting at step " + pending.step() + " ran in process " + record.pid()
                + ", which has ended; its approval can no longer be answered",
            "start a new run with ferry start " + target + " --local and answer while it runs");
      }
      ObjectNode file = JSON.createObjectNode().put("token", answer.token()).put("approved", answer.approved());
      if (answer.approved()) {
        file.set("output", answer.output());
      } else {
        file.put("error", answer.error()).put("cause", answer.cause());
      }
      write(answers.resolve(Integer.toHexString(answer.token().hashCode()) + "-" + System.nanoTime() + ".json"),
          file.toString());
    }
  }

  private void deliver(Answer answer) {
    try {
      if (answer.approved()) {
        engine.get().sendTaskSuccess(answer.token(), answer.output());
      } else {
        engine.get().sendTaskFailure(answer.token(), answer.error(), answer.cause());
      }
    } catch (IllegalArgumentException e) {
      throw FerryException.badInput("the approval is no longer waiting: " + e.getMessage(),
          "run ferry status --local to see how the run ended");
    }
  }

  /** Delivers answers other processes left for this process's executions; once, on the first run. */
  synchronized void startDelivery() {
    if (delivery != null) {
      return;
    }
    delivery = Thread.ofPlatform().daemon().name("ferry-local-answers").start(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        try (Stream<Path> files = Files.isDirectory(answers) ? Files.list(answers) : Stream.empty()) {
          for (Path file : files.sorted(Comparator.naturalOrder()).toList()) {
            JsonNode node = JSON.readTree(file.toFile());
            if (node.has("stop")) {
              LocalRun run = runs.get(node.path("stop").asText());
              if (run != null) {
                if (run.status() == ExecutionStatus.RUNNING) {
                  run.execution().stop(ErrorName.STOPPED.errorName(), node.path("cause").asText());
                }
                Files.deleteIfExists(file);
              }
              continue;
            }
            try {
              deliver(new Answer(node.path("token").asText(), node.path("approved").asBoolean(), node.get("output"),
                  node.path("error").asText(null), node.path("cause").asText(null)));
              Files.deleteIfExists(file);
            } catch (FerryException notOurs) {
              // a token this process does not hold: the file belongs to another run
            }
          }
          Thread.sleep(ANSWER_POLL);
        } catch (IOException e) {
          // a file being written or removed concurrently: read again next round
        } catch (InterruptedException e) {
          return;
        }
      }
    });
  }

  synchronized void close() {
    if (delivery != null) {
      delivery.interrupt();
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the run to stop", e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write " + file, e);
    }
  }
}
