package dev.ferry.engine.runtime;

/** Unwinds a branch whose execution was stopped, timed out, or whose sibling failed. Not catchable by ASL Catch. */
final class Aborted extends RuntimeException {
  Aborted() {
    super(null, null, false, false);
  }
}
