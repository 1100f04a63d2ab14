package dev.ferry.engine.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Runs executions on virtual threads and keeps time. With the virtual clock, time stands still
 * while any engine thread can run; when all are parked it jumps to the next due timer (Wait
 * states, retry intervals). Timers that wait for the outside world (task-token timeouts and
 * heartbeats, the execution's own TimeoutSeconds) are never jumped to: they fire when time passes
 * them, through a jump to a later timer or {@link #advance}, so a test can answer a callback before
 * it times out. With the real clock, timers fire on wall time.
 */
public final class Scheduler {
  private final boolean virtual;
  private final ThreadFactory threads = Thread.ofVirtual().name("ferry-exec-", 0).factory();
  private final PriorityQueue<Timer> timers = new PriorityQueue<>();
  private final ScheduledExecutorService realTimers;
  private volatile long virtualNowMillis;
  private long sequence;
  private int running;
  private int internalTimers;

  private record Timer(long dueMillis, long seq, boolean external, Runnable action) implements Comparable<Timer> {
    @Override
    public int compareTo(Timer o) {
      return dueMillis != o.dueMillis ? Long.compare(dueMillis, o.dueMillis) : Long.compare(seq, o.seq);
    }
  }

  public Scheduler(boolean virtual, Instant start) {
    this.virtual = virtual;
    this.virtualNowMillis = start.toEpochMilli();
    this.realTimers =
        virtual ? null : Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("ferry-timer").factory());
  }

  public boolean isVirtual() {
    return virtual;
  }

  public Instant now() {
    return virtual ? Instant.ofEpochMilli(virtualNowMillis) : Instant.now();
  }

  /** The time in epoch milliseconds, without allocating (history timestamps, state entry times). */
  public long nowMillis() {
    return virtual ? virtualNowMillis : System.currentTimeMillis();
  }

  /** Starts work on a new virtual thread; it counts as runnable until it ends or parks. */
  public void spawn(Runnable work) {
    synchronized (this) {
      running++;
    }
    threads
        .newThread(
            () -> {
              try {
                work.run();
              } finally {
                synchronized (this) {
                  running--;
                  advanceIfIdle();
                }
              }
            })
        .start();
  }

  /** Runs {@code action} after {@code delay}; {@code external} timers are not jumped to by the virtual clock. */
  public void schedule(Duration delay, boolean external, Runnable action) {
    if (!virtual) {
      realTimers.schedule(action, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
      return;
    }
    synchronized (this) {
      timers.add(new Timer(virtualNowMillis + Math.max(0, delay.toMillis()), sequence++, external, action));
      if (!external) {
        internalTimers++;
      }
      advanceIfIdle();
    }
  }

  /** Moves the virtual clock forward, firing every timer due on the way (also external ones). */
  public void advance(Duration by) {
    if (!virtual) {
      throw new IllegalStateException("The engine runs on the real clock; only a virtual clock can be advanced.");
    }
    synchronized (this) {
      long target = virtualNowMillis + by.toMillis();
      while (!timers.isEmpty() && timers.peek().dueMillis() <= target) {
        fire(timers.poll());
      }
      virtualNowMillis = target;
      advanceIfIdle();
    }
  }

  /** Parks the calling engine thread for {@code duration} of engine time (no real time on the virtual clock). */
  public void sleep(Duration duration) {
    Waiter<Boolean> waiter = waiter();
    schedule(duration, false, () -> waiter.complete(Boolean.TRUE));
    waiter.await();
  }

  public <T> Waiter<T> waiter() {
    return new Waiter<>(this);
  }

  synchronized void parked() {
    running--;
    advanceIfIdle();
  }

  synchronized void unparked() {
    running++;
  }

  /**
   * While nothing can run and a Wait or retry timer is pending, moves time to the earliest timer and
   * fires it; external timers due before the next internal one fire on the way. Callers hold the lock.
   */
  private void advanceIfIdle() {
    while (virtual && running == 0 && internalTimers > 0) {
      fire(timers.poll());
    }
  }

  private void fire(Timer timer) {
    if (!timer.external()) {
      internalTimers--;
    }
    virtualNowMillis = Math.max(virtualNowMillis, timer.dueMillis());
    timer.action().run();
  }

  public void shutdown() {
    if (realTimers != null) {
      realTimers.shutdownNow();
    }
  }
}
