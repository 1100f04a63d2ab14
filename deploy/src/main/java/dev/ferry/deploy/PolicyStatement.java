package dev.ferry.deploy;

import java.util.List;
import java.util.SortedSet;

/** An Allow statement: sorted actions on sorted resources, so the rendered policy is stable. */
public record PolicyStatement(String sid, SortedSet<String> actions, SortedSet<String> resources) {
  public List<String> actionList() {
    return List.copyOf(actions);
  }

  public List<String> resourceList() {
    return List.copyOf(resources);
  }
}
