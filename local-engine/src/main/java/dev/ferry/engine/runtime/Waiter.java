package dev.ferry.engine.runtime;

import java.util.concurrent.CountDownLatch;

/**
 * A one-shot slot an engine thread parks on until a timer, a callback, a child branch or a
 * cancellation fills it. Parking tells the {@link Scheduler} the thread is idle, so the virtual
 * clock may move; filling it counts the thread as runnable again before it wakes.
 */
public final class Waiter<T> {
  private final Scheduler scheduler;
  private final CountDownLatch latch = new CountDownLatch(1);
  private T value;
  private boolean done;
  private boolean parked;

  Waiter(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  /** Fills the slot; later calls are ignored. Returns whether this call filled it. */
  public boolean complete(T result) {
    synchronized (scheduler) {
      if (done) {
        return false;
      }
      done = true;
      value = result;
      if (parked) {
        scheduler.unparked();
      }
    }
    latch.countDown();
    return true;
  }

  public boolean isDone() {
    synchronized (scheduler) {
      return done;
    }
  }

  /** Parks the calling engine thread until the slot is filled. */
  public T await() {
    synchronized (scheduler) {
      if (done) {
        return value;
      }
      parked = true;
      scheduler.parked();
    }
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    synchronized (scheduler) {
      return value;
    }
  }
}
