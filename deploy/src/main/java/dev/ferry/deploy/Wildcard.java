package dev.ferry.deploy;

/**
 * A permission Ferry could not narrow to exact resources, and why: the Task state whose
 * parameters are computed at run time, or a service whose resources Ferry cannot see.
 */
public record Wildcard(String state, String action, String resource, String reason) {}
