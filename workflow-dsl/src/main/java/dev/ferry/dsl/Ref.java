package dev.ferry.dsl;

import java.util.List;
import java.util.Objects;

/**
 * A value read at run time from the execution's data: a parameter, an earlier step's output ({@code
 * step.output(field)}), the execution's own context, or a formatted string of those. Renders as a
 * JSONPath expression.
 */
public sealed interface Ref permits Ref.ParameterRef, StepOutput, Ref.Context, Ref.Format {

  /** The JSONPath (or intrinsic function) the compiler emits for this reference. */
  String path();

  /** A declared parameter: {@code $.parameters.<name>}. */
  static ParameterRef param(String name) {
    return new ParameterRef(name);
  }

  /** The execution name ({@code $$.Execution.Name}): a deterministic id for idempotent tasks. */
  static Context executionName() {
    return Context.EXECUTION_NAME;
  }

  /** The migration target from the input document. */
  static Context target() {
    return Context.TARGET;
  }

  /** {@code States.Format(template, args...)}; {@code {}} in the template marks each argument. */
  static Format format(String template, Ref... args) {
    return new Format(template, List.of(args));
  }

  record ParameterRef(String name) implements Ref {
    public ParameterRef {
      Objects.requireNonNull(name, "name");
    }

    @Override
    public String path() {
      return "$.parameters." + name;
    }
  }

  enum Context implements Ref {
    EXECUTION_NAME("$$.Execution.Name"),
    TARGET("$.ferry.target"),
    REQUESTED_BY("$.ferry.requestedBy"),
    TRIGGER("$.ferry.trigger");

    private final String path;

    Context(String path) {
      this.path = path;
    }

    @Override
    public String path() {
      return path;
    }
  }

  record Format(String template, List<Ref> args) implements Ref {
    public Format {
      Objects.requireNonNull(template, "template");
      args = List.copyOf(args);
    }

    @Override
    public String path() {
      StringBuilder b = new StringBuilder("States.Format('");
      b.append(template.replace("\\", "\\\\").replace("'", "\\'")).append('\'');
      for (Ref arg : args) {
        b.append(", ").append(arg.path());
      }
      return b.append(')').toString();
    }
  }
}
