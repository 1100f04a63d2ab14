package dev.ferry.dsl;

/**
 * Something a step can call: an {@link Action}, or a typed task call of {@link
 * dev.ferry.dsl.tasks.FerryTasks} that builds one.
 */
public interface Call {

  /** The action this call makes. */
  Action action();
}
