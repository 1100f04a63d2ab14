package dev.ferry.contract;

import java.time.Duration;

/**
 * Heartbeats of approvals (contract: "Lambda tasks"). An approval task carries {@code
 * HeartbeatSeconds}; whoever holds the pending approval keeps it alive: {@code
 * ferry-approval-heartbeat} sends {@code SendTaskHeartbeat} for every pending approval on the
 * progress table, every {@link #SWEEP_INTERVAL} (on AWS from a schedule the deploy creates, locally
 * from the local target while a run waits). A callback whose record is lost (the row cleared or
 * overwritten) gets no more heartbeats, so its run fails with {@code States.HeartbeatTimeout} within
 * the heartbeat instead of waiting out the whole timeout.
 */
public final class ApprovalHeartbeat {
  /** An approval's heartbeat unless its step sets another. */
  public static final Duration DEFAULT = Duration.ofMinutes(10);
  /** How often the pending approvals are heartbeaten. */
  public static final Duration SWEEP_INTERVAL = Duration.ofMinutes(2);
  /** The shortest heartbeat a step may set: it outlasts two sweeps and a late one. */
  public static final Duration MINIMUM = Duration.ofMinutes(5);
  /** {@link #SWEEP_INTERVAL} as an EventBridge Scheduler expression. */
  public static final String SCHEDULE_EXPRESSION = "rate(2 minutes)";
  /** The name of the schedule (and its function) the deploy creates. */
  public static final String FUNCTION = "ferry-approval-heartbeat";

  private ApprovalHeartbeat() {}
}
