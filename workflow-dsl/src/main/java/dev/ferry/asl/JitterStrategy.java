package dev.ferry.asl;

/** Whether a retrier randomises its delays ({@code FULL}) or not ({@code NONE}). */
public enum JitterStrategy {
    FULL,
    NONE
}
