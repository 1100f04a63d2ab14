package dev.ferry.contract;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** How a run was started: the input's {@code trigger}, copied into every audit row. */
public enum Trigger {
  /** StartExecution, {@code ferry start}: the default. */
  API,
  CONSOLE,
  /** EventBridge Scheduler. */
  SCHEDULE,
  /** An EventBridge rule. */
  EVENT,
  /** Not an input value: the trigger of the rows an operator's command writes ({@code ferry unlock}). */
  OPERATOR;

  /** The word as it appears in the input and the audit rows. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The triggers an execution input may name, in the order the contract lists them. */
  public static List<Trigger> ofInput() {
    return List.of(API, CONSOLE, SCHEDULE, EVENT);
  }

  /** The input triggers as words: {@code api, console, schedule, event}. */
  public static List<String> inputWords() {
    return ofInput().stream().map(Trigger::word).toList();
  }

  public static Optional<Trigger> parse(String word) {
    return Arrays.stream(values()).filter(t -> t.word().equals(word)).findFirst();
  }
}
