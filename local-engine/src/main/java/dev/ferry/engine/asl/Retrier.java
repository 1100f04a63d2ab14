package dev.ferry.engine.asl;

import java.util.List;

/** One Retry entry, with AWS's defaults applied (1 s, 3 attempts, rate 2.0, no cap, no jitter). */
public record Retrier(
    List<String> errorEquals, int intervalSeconds, int maxAttempts, double backoffRate, Integer maxDelaySeconds, boolean fullJitter) {}
