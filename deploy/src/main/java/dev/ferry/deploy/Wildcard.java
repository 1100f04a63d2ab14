package dev.ferry.deploy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Permissions Ferry could not narrow to exact resources, and why: the actions granted on one
 * resource pattern for one reason, and the Task states that need them (a payload field computed at
 * run time, a name the handler chooses at run time, a service whose resources Ferry cannot see).
 */
public record Wildcard(String resource, String reason, SortedSet<String> actions, SortedSet<String> states) {

  public Wildcard {
    actions = Collections.unmodifiableSortedSet(new TreeSet<>(actions));
    states = Collections.unmodifiableSortedSet(new TreeSet<>(states));
  }

  public static Wildcard of(String state, String action, String resource, String reason) {
    return new Wildcard(resource, reason, new TreeSet<>(List.of(action)), new TreeSet<>(List.of(state)));
  }

  /** One line, as plan, deploy and the exported template's metadata show it. */
  public String describe() {
    return String.join(", ", actions) + " on " + resource + " (" + reason + "; "
        + (states.size() == 1 ? "state " : "states ") + String.join(", ", states) + ")";
  }

  /** Entries with the same resource and reason become one, with their actions and states joined; first-seen order. */
  @SafeVarargs
  public static List<Wildcard> merge(List<Wildcard>... lists) {
    Map<List<String>, Wildcard> merged = new LinkedHashMap<>();
    for (List<Wildcard> list : lists) {
      for (Wildcard w : list) {
        merged.merge(List.of(w.resource(), w.reason()), w, Wildcard::join);
      }
    }
    return new ArrayList<>(merged.values());
  }

  private static Wildcard join(Wildcard a, Wildcard b) {
    SortedSet<String> actions = new TreeSet<>(a.actions());
    actions.addAll(b.actions());
    SortedSet<String> states = new TreeSet<>(a.states());
    states.addAll(b.states());
    return new Wildcard(a.resource(), a.reason(), actions, states);
  }
}
