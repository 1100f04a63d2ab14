package dev.ferry.deploy;

import java.time.Instant;

/** One execution history event: its id, time, AWS event type and a one-line detail. */
public record HistoryEvent(long id, Instant at, String type, String detail) {}
