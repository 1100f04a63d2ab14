package dev.ferry.deploy.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * What an injected fault does to a task function of the local target: the first {@code times}
 * calls misbehave, later calls reach the real handler. Register one with {@link
 * Faults#inject(String, Fault)}.
 */
public sealed interface Fault {

  /** How many calls the fault affects; {@link #ALWAYS} for every call. */
  int times();

  int ALWAYS = Integer.MAX_VALUE;

  /**
   * The call fails with {@code error} and {@code cause}, as the Lambda runtime reports a handler's
   * exception: e.g. {@code Ferry.VerificationFailed}, or {@code Lambda.ServiceException} for a
   * service-side failure.
   */
  record Fail(String error, String cause, int times) implements Fault {
    public Fail {
      requirePositive(times);
      if (error == null || error.isBlank()) {
        throw new IllegalArgumentException("Fault.Fail needs an error name, e.g. Ferry.VerificationFailed");
      }
    }
  }

  /**
   * The call sleeps {@code delay} of wall time, then runs. With the local target's real clock a
   * delay past the task's {@code TimeoutSeconds} makes the engine fail it with {@code
   * States.Timeout}; the virtual clock does not time out in-process calls (use {@link TimedOut}).
   */
  record Sleep(Duration delay, int times) implements Fault {
    public Sleep {
      requirePositive(times);
      if (delay.isNegative()) {
        throw new IllegalArgumentException("Fault.Sleep needs a delay of zero or more, got " + delay);
      }
    }
  }

  /**
   * The call ends as one that outlived its {@code TimeoutSeconds}: error {@code States.Timeout}
   * with the engine's cause, on either clock.
   */
  record TimedOut(int times) implements Fault {
    public TimedOut {
      requirePositive(times);
    }
  }

  /**
   * The call does its work, then the process running the target dies before the result reaches the
   * engine: every execution of the target still running stops (ABORTED, {@code Ferry.ProcessDied})
   * in the state it was in, its work done but not recorded. {@link LocalTarget#redrive} continues
   * such a run from that state, which calls the function again.
   */
  record Crash(int times) implements Fault {
    public Crash {
      requirePositive(times);
    }
  }

  /**
   * The call reaches the real handler with its payload changed by {@code payload} (a writer added
   * that cannot be paused, a field dropped), as a caller with a wrong or stale input would make it.
   */
  record Tamper(UnaryOperator<JsonNode> payload, int times) implements Fault {
    public Tamper {
      requirePositive(times);
      java.util.Objects.requireNonNull(payload, "payload");
    }
  }

  /** Fails every call with {@code error}. */
  static Fault fail(String error, String cause) {
    return new Fail(error, cause, ALWAYS);
  }

  /** The first {@code times} calls are throttled ({@code Lambda.TooManyRequestsException}). */
  static Fault throttle(int times) {
    return new Fail("Lambda.TooManyRequestsException", "Rate Exceeded. (Service: Lambda, Status Code: 429)", times);
  }

  private static void requirePositive(int times) {
    if (times < 1) {
      throw new IllegalArgumentException("a fault affects at least one call, got times=" + times);
    }
  }
}
