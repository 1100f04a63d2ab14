package dev.ferry.dsl.validate;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The sets of nodes that have surely completed before each node of a migration graph, stored as
 * paths in one tree so that they share their common part: a set is its tree node's elements plus
 * its parent's. Adding a step makes a child, an intersection (a node reached from several happy
 * edges) is the nearest common ancestor, and a union (a parallel join: every branch ran) a child
 * of that ancestor holding the branches' elements. Space and time stay linear in the steps, where
 * one bit set per node grows with their square. Membership is an ancestor test on the tree's
 * Euler tour; counts per step kind are kept along each path.
 *
 * <p>In the graphs the DSL builds, happy edges merge only at joins and every element is added on
 * a path at most once, so the sets are exact. For other graphs an intersection can only come out
 * smaller than the exact one: a rule then reports a step as possibly not run, never the reverse.
 */
final class CompletedSets {
  /** One tree node: the elements it adds to its parent's set. */
  static final class Set {
    private final Set parent;
    private final int depth;
    private final int[] added;
    private final int[] kindCounts;
    private final List<Set> children = new ArrayList<>(1);
    private int in;
    private int out;

    private Set(Set parent, int[] added, int[] kindCounts) {
      this.parent = parent;
      this.depth = parent == null ? 0 : parent.depth + 1;
      this.added = added;
      this.kindCounts = kindCounts;
    }
  }

  private final int[] kindOf;
  private final Set root;
  /** For each element, the tree node that added it alone (null until then). */
  private final Set[] addedBy;
  /** For each element, the union nodes that hold it. */
  private final List<List<Set>> inUnions;
  private final int[] stamp;
  private int stampValue;
  private boolean toured;

  /** {@code kindOf[i]}: the kind (0..kinds-1) of element i, or -1 for none. */
  CompletedSets(int[] kindOf, int kinds) {
    this.kindOf = kindOf;
    this.root = new Set(null, new int[0], new int[kinds]);
    this.addedBy = new Set[kindOf.length];
    this.inUnions = new ArrayList<>(kindOf.length);
    for (int i = 0; i < kindOf.length; i++) {
      inUnions.add(List.of());
    }
    this.stamp = new int[kindOf.length];
  }

  Set empty() {
    return root;
  }

  /** {@code set} plus element {@code i}. */
  Set add(Set set, int i) {
    Set child = child(set, new int[] {i});
    if (addedBy[i] == null) {
      addedBy[i] = child;
    }
    return child;
  }

  /** The elements in every one of {@code sets}. */
  Set intersection(List<Set> sets) {
    Set common = sets.getFirst();
    for (Set s : sets) {
      common = ancestor(common, s);
    }
    return common;
  }

  /** The elements in any one of {@code sets}. */
  Set union(List<Set> sets) {
    Set common = intersection(sets);
    if (sets.size() == 1) {
      return common;
    }
    stampValue++;
    List<Integer> elements = new ArrayList<>();
    for (Set s : sets) {
      for (Set at = s; at != common; at = at.parent) {
        for (int e : at.added) {
          if (stamp[e] != stampValue) {
            stamp[e] = stampValue;
            elements.add(e);
          }
        }
      }
    }
    if (elements.isEmpty()) {
      return common;
    }
    Set union = child(common, elements.stream().mapToInt(Integer::intValue).toArray());
    for (int e : union.added) {
      List<Set> holders = inUnions.get(e);
      if (holders.isEmpty()) {
        holders = new ArrayList<>(1);
        inUnions.set(e, holders);
      }
      holders.add(union);
    }
    return union;
  }

  /** Whether element {@code i} is in {@code set}. */
  boolean contains(Set set, int i) {
    tour();
    if (addedBy[i] != null && isAncestor(addedBy[i], set)) {
      return true;
    }
    for (Set union : inUnions.get(i)) {
      if (isAncestor(union, set)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code set} holds an element of {@code kind}. */
  boolean containsKind(Set set, int kind) {
    return set.kindCounts[kind] > 0;
  }

  /** The elements of {@code set} of {@code kind}, in ascending order. */
  int[] ofKind(Set set, int kind) {
    List<Integer> found = new ArrayList<>();
    for (Set at = set; at != null; at = at.parent) {
      for (int e : at.added) {
        if (kindOf[e] == kind) {
          found.add(e);
        }
      }
    }
    int[] sorted = found.stream().mapToInt(Integer::intValue).toArray();
    Arrays.sort(sorted);
    return sorted;
  }

  private Set child(Set parent, int[] added) {
    int[] counts = parent.kindCounts.clone();
    for (int e : added) {
      if (kindOf[e] >= 0) {
        counts[kindOf[e]]++;
      }
    }
    Set child = new Set(parent, added, counts);
    parent.children.add(child);
    toured = false;
    return child;
  }

  /** The nearest common ancestor-or-self of {@code a} and {@code b}. */
  private static Set ancestor(Set a, Set b) {
    while (a.depth > b.depth) {
      a = a.parent;
    }
    while (b.depth > a.depth) {
      b = b.parent;
    }
    while (a != b) {
      a = a.parent;
      b = b.parent;
    }
    return a;
  }

  private static boolean isAncestor(Set ancestor, Set of) {
    return ancestor.in <= of.in && of.out <= ancestor.out;
  }

  /** Numbers the tree in depth-first order (iteratively: a chain of steps is as deep as it is long). */
  private void tour() {
    if (toured) {
      return;
    }
    int clock = 0;
    ArrayDeque<Set> stack = new ArrayDeque<>();
    ArrayDeque<Integer> next = new ArrayDeque<>();
    stack.push(root);
    next.push(0);
    root.in = clock++;
    while (!stack.isEmpty()) {
      Set top = stack.peek();
      int child = next.pop();
      if (child < top.children.size()) {
        next.push(child + 1);
        Set c = top.children.get(child);
        c.in = clock++;
        stack.push(c);
        next.push(0);
      } else {
        top.out = clock++;
        stack.pop();
      }
    }
    toured = true;
  }
}
