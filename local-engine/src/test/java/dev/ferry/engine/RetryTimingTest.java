package dev.ferry.engine;

import static dev.ferry.engine.Fixtures.json;
import static dev.ferry.engine.Fixtures.offsetsOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Retry intervals on the virtual clock: backoff, MaxDelaySeconds, FULL jitter, MaxAttempts. */
class RetryTimingTest {
  private static final String RETRYING = """
      {"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:flaky",
        "Retry":[{"ErrorEquals":["Transient"],"IntervalSeconds":2,"BackoffRate":3,"MaxAttempts":4,"MaxDelaySeconds":10%s}],
        "End":true}}}
      """;

  private static List<Long> retryOffsets(String jitter, java.util.function.DoubleSupplier source, int failures) {
    AtomicInteger calls = new AtomicInteger();
    try (LocalEngine engine =
        LocalEngine.builder()
            .virtualClock(Instant.parse("2030-01-01T00:00:00Z"))
            .jitter(source)
            .lambda("flaky", p -> {
              if (calls.incrementAndGet() <= failures) {
                throw new Fixtures.Transient("try again");
              }
              return json("{\"ok\":true}");
            })
            .build()) {
      long wallStart = System.nanoTime();
      Execution e = engine.start(RETRYING.formatted(jitter), "retry", json("{}"));
      ExecutionResult r = e.await();
      assertThat(Duration.ofNanos(System.nanoTime() - wallStart)).as("virtual time costs no wall time").isLessThan(Duration.ofSeconds(5));
      assertThat(r.status()).isEqualTo(failures <= 4 ? ExecutionStatus.SUCCEEDED : ExecutionStatus.FAILED);
      return offsetsOf(e.history(), "LambdaFunctionScheduled");
    }
  }

  @Test
  void backoffGrowsByTheRateAndIsCappedAtMaxDelay() {
    List<Long> offsets = retryOffsets("", () -> 0.5, 4);
    // Delays 2, 6, 18→10, 54→10 seconds, as cumulative offsets of each attempt.
    assertThat(offsets).containsExactly(0L, 2_000L, 8_000L, 18_000L, 28_000L);
  }

  @Test
  void fullJitterScalesEachDelayByTheJitterFactor() {
    List<Long> offsets = retryOffsets(",\"JitterStrategy\":\"FULL\"", () -> 0.25, 3);
    assertThat(offsets).containsExactly(0L, 500L, 2_000L, 4_500L);
  }

  @Test
  void randomFullJitterStaysWithinZeroAndTheCappedDelay() {
    List<Long> offsets = retryOffsets(",\"JitterStrategy\":\"FULL\"", () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble(), 4);
    long[] caps = {2_000, 6_000, 10_000, 10_000};
    List<Long> delays = new ArrayList<>();
    for (int i = 1; i < offsets.size(); i++) {
      delays.add(offsets.get(i) - offsets.get(i - 1));
    }
    assertThat(delays).hasSize(4);
    for (int i = 0; i < 4; i++) {
      assertThat(delays.get(i)).isBetween(0L, caps[i]);
    }
  }

  @Test
  void givesUpAfterMaxAttemptsWithTheLastError() {
    List<Long> offsets = retryOffsets("", () -> 0.5, 10);
    assertThat(offsets).hasSize(5);
  }

  @Test
  void waitStatesAdvanceTheVirtualClockExactly() {
    try (LocalEngine engine = LocalEngine.builder().virtualClock(Instant.parse("2030-01-01T00:00:00Z")).build()) {
      Execution e = engine.start("""
          {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3600,"Next":"Done"},"Done":{"Type":"Pass","Parameters":{"t.$":"$$.State.EnteredTime"},"End":true}}}
          """, "wait", json("{}"));
      ExecutionResult r = e.await();
      assertThat(r.output().get("t").asText()).isEqualTo("2030-01-01T01:00:00.000Z");
    }
  }
}
