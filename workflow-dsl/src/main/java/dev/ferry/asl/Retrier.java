package dev.ferry.asl;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One entry of a Retry array: which errors to retry, and how often and how far apart. */
public record Retrier(
        List<String> errorEquals,
        Optional<Integer> intervalSeconds,
        Optional<Integer> maxAttempts,
        Optional<BigDecimal> backoffRate,
        Optional<Integer> maxDelaySeconds,
        Optional<JitterStrategy> jitterStrategy) {

    public Retrier {
        errorEquals = Values.list(errorEquals);
        intervalSeconds = Values.optional(intervalSeconds);
        maxAttempts = Values.optional(maxAttempts);
        backoffRate = Values.optional(backoffRate);
        maxDelaySeconds = Values.optional(maxDelaySeconds);
        jitterStrategy = Values.optional(jitterStrategy);
    }

    /** Starts a retrier for the given error names ({@code States.ALL} alone and last). */
    public static Builder builder(String... errorEquals) {
        return new Builder(List.of(errorEquals));
    }

    public static Builder builder(List<String> errorEquals) {
        return new Builder(errorEquals);
    }

    public static final class Builder {
        private final List<String> errorEquals;
        private Integer intervalSeconds;
        private Integer maxAttempts;
        private BigDecimal backoffRate;
        private Integer maxDelaySeconds;
        private JitterStrategy jitterStrategy;

        private Builder(List<String> errorEquals) {
            this.errorEquals = Objects.requireNonNull(errorEquals, "errorEquals");
        }

        public Builder intervalSeconds(int seconds) {
            this.intervalSeconds = seconds;
            return this;
        }

        public Builder maxAttempts(int attempts) {
            this.maxAttempts = attempts;
            return this;
        }

        public Builder backoffRate(double rate) {
            this.backoffRate = BigDecimal.valueOf(rate);
            return this;
        }

        public Builder backoffRate(BigDecimal rate) {
            this.backoffRate = rate;
            return this;
        }

        public Builder maxDelaySeconds(int seconds) {
            this.maxDelaySeconds = seconds;
            return this;
        }

        public Builder jitterStrategy(JitterStrategy strategy) {
            this.jitterStrategy = strategy;
            return this;
        }

        public Retrier build() {
            return new Retrier(errorEquals, Optional.ofNullable(intervalSeconds), Optional.ofNullable(maxAttempts),
                    Optional.ofNullable(backoffRate), Optional.ofNullable(maxDelaySeconds),
                    Optional.ofNullable(jitterStrategy));
        }
    }
}
