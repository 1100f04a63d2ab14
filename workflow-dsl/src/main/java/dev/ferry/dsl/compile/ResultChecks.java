package dev.ferry.dsl.compile;

import dev.ferry.dsl.Action;
import dev.ferry.dsl.Condition;
import dev.ferry.dsl.Payload;
import dev.ferry.dsl.Poll;
import dev.ferry.dsl.Ref;
import dev.ferry.dsl.Step;
import dev.ferry.dsl.StepOutput;
import dev.ferry.dsl.graph.MigrationGraph;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields of each step's results that the machine reads after the call that returns them: a
 * later call's payload, the step's own expectations, its poll condition, a compensation's payload.
 * A path that names a missing field fails the reading state with {@code States.Runtime}, which no
 * Catch (not even {@code States.ALL}) catches on AWS: the run would end with nothing compensated.
 * So the compiler checks each field right after the call, in a Choice, and routes a missing or
 * mistyped one to the step's failure path with {@code Ferry.ResultInvalid}.
 *
 * @param afterCall checked on the result of the step's action (its expectations and the fields
 *     later states read from {@code $.steps.<id>.result})
 * @param everyPoll checked on every poll result (the fields the poll condition compares)
 * @param whenPollDone checked on the poll result that satisfies the condition (the fields later
 *     states read from {@code $.steps.<id>.poll.result})
 */
public record ResultChecks(List<FieldCheck> afterCall, List<FieldCheck> everyPoll, List<FieldCheck> whenPollDone) {

  private static final ResultChecks NONE = new ResultChecks(List.of(), List.of(), List.of());

  /** What a read needs of the field's value. */
  public enum Need {
    PRESENT("present"),
    /** A string, number, boolean or null: what {@code States.Format} accepts. */
    SCALAR("a string, number, boolean or null"),
    STRING("a string"),
    NUMBER("a number"),
    BOOLEAN("a boolean");

    private final String words;

    Need(String words) {
      this.words = words;
    }

    public String words() {
      return words;
    }
  }

  /**
   * One field and what its readers need of it; {@code needs} never holds {@link Need#PRESENT}
   * beside a type (a type implies presence).
   */
  public record FieldCheck(String field, Set<Need> needs, Set<String> readers) {
    public FieldCheck {
      needs = Set.copyOf(needs);
      readers = Set.copyOf(readers);
    }

    /** The needs in a fixed order, presence first. */
    public List<Need> orderedNeeds() {
      return EnumSet.copyOf(needs).stream().toList();
    }

    /** The readers in a fixed order, for causes and comments. */
    public String readersInWords() {
      return String.join(", ", readers.stream().sorted().toList());
    }
  }

  /** The checks of {@code step} among {@code all}; empty lists when nothing reads its results. */
  public static ResultChecks of(Map<String, ResultChecks> all, Step step) {
    return all.getOrDefault(step.id(), NONE);
  }

  /** Every step's checks, by step id. */
  public static Map<String, ResultChecks> all(MigrationGraph graph) {
    return new Collector(graph).build();
  }

  /** Whether a Choice follows the step's own call (expectations, or fields read later). */
  public boolean checksCall() {
    return !afterCall.isEmpty();
  }

  /** The version conditions among the step's expectations or its poll condition. */
  public static List<Condition.VersionAtLeast> versions(List<Condition> conditions) {
    return conditions.stream().filter(Condition.VersionAtLeast.class::isInstance)
        .map(Condition.VersionAtLeast.class::cast).toList();
  }

  private enum Where { CALL, EVERY_POLL, POLL_DONE }

  private static final class Collector {
    private final Map<String, Step> byId = new LinkedHashMap<>();
    private final Map<String, Map<Where, Map<String, Set<Need>>>> needs = new LinkedHashMap<>();
    private final Map<String, Map<Where, Map<String, Set<String>>>> readers = new LinkedHashMap<>();

    Collector(MigrationGraph graph) {
      for (Step s : graph.allWorkSteps()) {
        byId.put(s.id(), s);
      }
      graph.compensableInOrder().forEach(s -> byId.put(s.compensation().orElseThrow().id(), s.compensation().orElseThrow()));
    }

    Map<String, ResultChecks> build() {
      for (Step s : List.copyOf(byId.values())) {
        s.action().filter(a -> !(a instanceof Action.ParallelGroup))
            .ifPresent(a -> visit(payloadOf(a), false, "the call of " + s.id()));
        s.poll().ifPresent(p -> visit(payloadOf(p.action()), false, "the poll of " + s.id()));
        if (s.action().isPresent()) {
          s.expectations().forEach(e -> add(s.id(), Where.CALL, e.field(), need(e), "the expectation " + e.describe()));
        }
        s.poll().map(Poll::until).ifPresent(u -> add(s.id(), Where.EVERY_POLL, u.field(), need(u), "the poll condition " + u.describe()));
      }
      Map<String, ResultChecks> out = new LinkedHashMap<>();
      needs.forEach((id, where) -> {
        Map<String, Set<Need>> every = where.getOrDefault(Where.EVERY_POLL, Map.of());
        Map<String, Set<Need>> done = new LinkedHashMap<>(where.getOrDefault(Where.POLL_DONE, Map.of()));
        Map<String, Set<Need>> everyMerged = new LinkedHashMap<>(every);
        // A field checked on every poll result is checked on the last one too.
        done.keySet().removeIf(field -> {
          if (every.containsKey(field)) {
            Set<Need> merged = EnumSet.copyOf(every.get(field));
            merged.addAll(where.get(Where.POLL_DONE).get(field));
            everyMerged.put(field, merged);
            readers.get(id).get(Where.EVERY_POLL).get(field).addAll(readers.get(id).get(Where.POLL_DONE).get(field));
            return true;
          }
          return false;
        });
        out.put(id, new ResultChecks(checks(id, Where.CALL, where.getOrDefault(Where.CALL, Map.of())),
            checks(id, Where.EVERY_POLL, everyMerged), checks(id, Where.POLL_DONE, done)));
      });
      return out;
    }

    private List<FieldCheck> checks(String id, Where where, Map<String, Set<Need>> fields) {
      List<FieldCheck> out = new ArrayList<>();
      fields.forEach((field, set) -> {
        Set<Need> typed = EnumSet.copyOf(set);
        if (typed.size() > 1) {
          typed.remove(Need.PRESENT);
        }
        out.add(new FieldCheck(field, typed, readers.get(id).get(where).get(field)));
      });
      return out;
    }

    private static Payload payloadOf(Action action) {
      return switch (action) {
        case Action.LambdaInvoke l -> l.payload();
        case Action.SdkCall c -> c.parameters();
        case Action.DynamoDbCall d -> d.parameters();
        case Action.ApprovalRequest a -> Payload.empty();
        case Action.ParallelGroup g -> Payload.empty();
      };
    }

    private void visit(Object value, boolean inFormat, String reader) {
      switch (value) {
        case StepOutput o -> {
          Step source = byId.get(o.stepId());
          if (source != null && !o.field().isEmpty()) {
            boolean polled = source.action().isEmpty() || o.source() == StepOutput.Source.POLL;
            add(o.stepId(), polled ? Where.POLL_DONE : Where.CALL, o.field(), inFormat ? Need.SCALAR : Need.PRESENT, reader);
          }
        }
        case Ref.Format f -> f.args().forEach(a -> visit(a, true, reader));
        case Ref r -> { }
        case Payload p -> p.fields().values().forEach(v -> visit(v, inFormat, reader));
        case List<?> l -> l.forEach(v -> visit(v, inFormat, reader));
        default -> { }
      }
    }

    private void add(String stepId, Where where, String field, Need need, String reader) {
      needs.computeIfAbsent(stepId, k -> new LinkedHashMap<>()).computeIfAbsent(where, k -> new LinkedHashMap<>())
          .computeIfAbsent(field, k -> EnumSet.noneOf(Need.class)).add(need);
      readers.computeIfAbsent(stepId, k -> new LinkedHashMap<>()).computeIfAbsent(where, k -> new LinkedHashMap<>())
          .computeIfAbsent(field, k -> new LinkedHashSet<>()).add(reader);
    }

    private static Need need(Condition c) {
      return switch (c) {
        case Condition.FieldEquals e -> switch (e.value()) {
          case String s -> Need.STRING;
          case Boolean b -> Need.BOOLEAN;
          default -> Need.NUMBER;
        };
        case Condition.IsTrue t -> Need.BOOLEAN;
        case Condition.VersionAtLeast v -> Need.STRING;
      };
    }
  }
}
