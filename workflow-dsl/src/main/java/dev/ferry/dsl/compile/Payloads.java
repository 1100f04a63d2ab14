package dev.ferry.dsl.compile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.dsl.Payload;
import dev.ferry.dsl.Ref;
import dev.ferry.dsl.Step;
import dev.ferry.dsl.StepOutput;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** References and payloads as JSONPath templates, seen from the top level or a parallel branch. */
final class Payloads {
  private final Map<String, String> groupOf;
  private final Set<String> pollOnly;

  Payloads(Map<String, String> groupOf, Set<String> pollOnly) {
    this.groupOf = groupOf;
    this.pollOnly = pollOnly;
  }

  /** Where a step's results live, seen from inside {@code group}'s branch (or the top level). */
  String stepPath(Step step, Optional<String> group) {
    return refBase(step.id(), group);
  }

  private String refBase(String stepId, Optional<String> scope) {
    String owner = groupOf.get(stepId);
    if (owner != null && !scope.map(owner::equals).orElse(false)) {
      return "$.steps." + owner + "." + stepId;
    }
    return "$.steps." + stepId;
  }

  private String path(Ref ref, Optional<String> scope) {
    return switch (ref) {
      case StepOutput o -> new StepOutput(o.stepId(), o.field(),
          pollOnly.contains(o.stepId()) ? StepOutput.Source.POLL : o.source()).basePath(refBase(o.stepId(), scope));
      case Ref.Format f -> {
        StringBuilder b = new StringBuilder("States.Format('")
            .append(f.template().replace("\\", "\\\\").replace("'", "\\'")).append('\'');
        f.args().forEach(a -> b.append(", ").append(path(a, scope)));
        yield b.append(')').toString();
      }
      case Ref.ParameterRef p -> p.path();
      case Ref.Context c -> c.path();
    };
  }

  ObjectNode payload(Payload payload, Optional<String> scope) {
    ObjectNode out = Json.obj();
    payload.fields().forEach((key, value) -> {
      switch (value) {
        case Ref r -> out.put(key + ".$", path(r, scope));
        case Payload p -> out.set(key, payload(p, scope));
        case List<?> l when l.stream().anyMatch(Ref.class::isInstance) -> out.put(key + ".$",
            "States.Array(" + String.join(", ", l.stream().map(v -> intrinsicArg(v, scope)).toList()) + ")");
        case List<?> l -> out.set(key, Json.node(l.stream().map(v -> v instanceof Payload p ? payload(p, scope) : v).toList()));
        default -> out.set(key, Json.node(value));
      }
    });
    return out;
  }

  private String intrinsicArg(Object value, Optional<String> scope) {
    return switch (value) {
      case Ref r -> path(r, scope);
      case String str -> Json.intrinsicString(str);
      case Number num -> num.toString();
      case Boolean b -> b.toString();
      default -> throw new IllegalArgumentException("a list that mixes refs can hold only strings, numbers and booleans");
    };
  }
}
