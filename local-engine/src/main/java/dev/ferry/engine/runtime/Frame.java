package dev.ferry.engine.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One running scope: the execution's top level, a Parallel branch or a Map iteration. It owns the
 * workflow variables visible there (a child starts with a copy of its parent's) and can be aborted
 * with everything below it.
 */
final class Frame {
  final Map<String, JsonNode> variables;
  private final Frame parent;
  private final Set<Frame> children = ConcurrentHashMap.newKeySet();
  private volatile boolean aborted;
  private Waiter<Object> parkedOn;

  Frame(Map<String, JsonNode> variables) {
    this(null, variables);
  }

  private Frame(Frame parent, Map<String, JsonNode> variables) {
    this.parent = parent;
    this.variables = variables;
  }

  synchronized Frame child() {
    Frame child = new Frame(this, variables.isEmpty() ? new HashMap<>() : new HashMap<>(variables));
    if (aborted) {
      child.aborted = true;
    }
    children.add(child);
    return child;
  }

  /** Forgets a finished child so long Maps do not keep every iteration's scope. */
  void close() {
    if (parent != null) {
      parent.children.remove(this);
    }
  }

  void abort() {
    Waiter<Object> waiter;
    List<Frame> below;
    synchronized (this) {
      aborted = true;
      waiter = parkedOn;
      below = List.copyOf(children);
    }
    if (waiter != null) {
      waiter.complete(ABORTED);
    }
    below.forEach(Frame::abort);
  }

  void checkAborted() {
    if (aborted) {
      throw new Aborted();
    }
  }

  static final Object ABORTED = new Object();

  /** Parks on {@code waiter} unless aborted; an abort wakes it. */
  Object park(Waiter<Object> waiter) {
    synchronized (this) {
      checkAborted();
      parkedOn = waiter;
    }
    Object value = waiter.await();
    synchronized (this) {
      parkedOn = null;
    }
    checkAborted();
    return value;
  }
}
