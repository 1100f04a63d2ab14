package dev.ferry.tasks.writers;

/** A writer named in the pause payload: {@code {"type": "lambda"|"ecs"|"local", "name", "cluster"}}. */
public record WriterSpec(String type, String name, String cluster) {}
