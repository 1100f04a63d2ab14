package dev.ferry.dsl.graph;

import dev.ferry.dsl.Step;
import java.util.Optional;

/** A vertex of a {@link MigrationGraph}. */
public sealed interface Node
    permits Node.Start, Node.Succeeded, Node.Failed, Node.StepNode, Node.Join, Node.CompensationNode {

  String id();

  /** Where every run begins (after input normalisation and the lock). */
  record Start() implements Node {
    @Override
    public String id() {
      return "start";
    }
  }

  /** The run ended successfully and released its lock. */
  record Succeeded() implements Node {
    @Override
    public String id() {
      return "succeeded";
    }
  }

  /** The run failed, after compensating what had completed. */
  record Failed() implements Node {
    @Override
    public String id() {
      return "failed";
    }
  }

  /**
   * A work step. A parallel group's own node is where its branches fork; {@code group} names the
   * group an inner step belongs to and {@code branch} its branch index.
   */
  record StepNode(Step step, Optional<String> group, int branch) implements Node {
    @Override
    public String id() {
      return step.id();
    }
  }

  /** Where a parallel group's branches meet; every branch has run when it is reached. */
  record Join(String group) implements Node {
    @Override
    public String id() {
      return group + "/join";
    }
  }

  /** The step that undoes {@code compensates}. */
  record CompensationNode(Step step, String compensates) implements Node {
    @Override
    public String id() {
      return step.id();
    }
  }
}
