package dev.ferry.deploy;

/** The execution a start request maps to; {@code alreadyStarted} when it existed before. */
public record StartedExecution(String executionId, String name, boolean alreadyStarted) {}
