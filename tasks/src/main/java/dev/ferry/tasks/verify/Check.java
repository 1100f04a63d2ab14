package dev.ferry.tasks.verify;

/** One verification: what was checked, what was expected, what was found. */
public record Check(String name, boolean ok, String expected, String actual) {}
