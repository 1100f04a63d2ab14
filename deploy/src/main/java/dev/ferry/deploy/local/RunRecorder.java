package dev.ferry.deploy.local;

import dev.ferry.deploy.ExecutionInfo;
import dev.ferry.deploy.HistoryEvent;
import dev.ferry.deploy.TableNames;
import dev.ferry.engine.Execution;
import dev.ferry.engine.ExecutionResult;
import dev.ferry.engine.ExecutionStatus;
import dev.ferry.tasks.ended.AbandonedRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Records a {@link LocalTarget}'s runs in {@code executions/} and, once one ends stopped, timed
 * out or failed uncaught, does what the EventBridge rule does on AWS.
 */
final class RunRecorder {

  private final ExecutionRecords records;
  private final DynamoDbClient dynamoDb;
  private final TableNames tables;
  private final Map<String, CompletableFuture<Void>> ended = new ConcurrentHashMap<>();

  RunRecorder(ExecutionRecords records, DynamoDbClient dynamoDb, TableNames tables) {
    this.records = records;
    this.dynamoDb = dynamoDb;
    this.tables = tables;
  }

  /**
   * Once the execution ends: what the EventBridge rule on AWS does for one that ended stopped,
   * timed out or failed uncaught (the abandoned step's audit row and the progress item's end state,
   * lock kept), then the execution record. A redrive waits for it, so it never lands on the
   * redriven run.
   */
  void recordWhenItEnds(Execution execution, String target, String migration) {
    CompletableFuture<Void> recorded = new CompletableFuture<>();
    ended.put(execution.name(), recorded);
    Thread.ofVirtual().name("ferry-record-" + execution.name()).start(() -> {
      try {
        ExecutionResult result = execution.await();
        ExecutionStatus status = result.status();
        if (status == ExecutionStatus.ABORTED || status == ExecutionStatus.TIMED_OUT || status == ExecutionStatus.FAILED) {
          new AbandonedRun(dynamoDb, tables.progress(), tables.audit()).record(target, execution.arn(),
              status.name(), Optional.ofNullable(result.error()), Optional.ofNullable(result.cause()), Instant.now());
        }
        save(execution, migration, target);
      } finally {
        recorded.complete(null);
      }
    });
  }

  /** Waits until the ended run {@code name} is recorded. */
  void awaitRecorded(String name) {
    ended.get(name).join();
  }

  void save(Execution execution, String migration, String target) {
    records.save(new ExecutionRecord(info(execution), migration, target, ProcessHandle.current().pid(), history(execution)));
  }

  static ExecutionInfo info(Execution execution) {
    List<dev.ferry.engine.HistoryEvent> events = execution.history();
    Instant started = events.isEmpty() ? Instant.now() : events.getFirst().timestamp();
    ExecutionStatus status = execution.status();
    if (status == ExecutionStatus.RUNNING) {
      return new ExecutionInfo(execution.arn(), execution.name(), status.name(), started,
          Optional.empty(), Optional.empty(), Optional.empty());
    }
    ExecutionResult result = execution.await();
    return new ExecutionInfo(execution.arn(), execution.name(), status.name(), started,
        Optional.of(events.getLast().timestamp()), Optional.ofNullable(result.error()), Optional.ofNullable(result.cause()));
  }

  /** The engine's events in the one-line shape of {@code ferry history}. */
  static List<HistoryEvent> history(Execution execution) {
    List<HistoryEvent> out = new ArrayList<>();
    for (dev.ferry.engine.HistoryEvent e : execution.history()) {
      StringJoiner detail = new StringJoiner(" ");
      for (String field : List.of("name", "resource", "error", "cause")) {
        String value = e.detail(field);
        if (value != null) {
          detail.add(field + "=" + value);
        }
      }
      out.add(new HistoryEvent(e.id(), e.timestamp(), e.type(), detail.toString()));
    }
    return out;
  }
}
