package dev.ferry.dsl.graph;

/** A directed connection of a {@link MigrationGraph}. */
public sealed interface Edge permits Edge.Happy, Edge.Failure, Edge.Compensation, Edge.PollLoop {

  String from();

  String to();

  /** The next node when {@code from} succeeds. */
  record Happy(String from, String to) implements Edge {}

  /** Where a failure of {@code from} goes: the first compensation to run, or the failed end. */
  record Failure(String from, String to) implements Edge {}

  /** The next compensation (or the failed end) once the compensation {@code from} is done. */
  record Compensation(String from, String to) implements Edge {}

  /** A declared polling loop: the step calls again until its condition holds. */
  record PollLoop(String from) implements Edge {
    @Override
    public String to() {
      return from;
    }
  }
}
