package dev.ferry.deploy;

import java.util.SortedSet;

/** An Allow statement: sorted actions on sorted resources, so the rendered policy is stable. */
public record PolicyStatement(String sid, SortedSet<String> actions, SortedSet<String> resources) {}
