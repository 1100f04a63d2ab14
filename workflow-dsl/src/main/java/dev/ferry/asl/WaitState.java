package dev.ferry.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** A Wait state: pauses for a number of seconds or until a timestamp, given literally or by path. */
public record WaitState(
        Optional<String> comment,
        Optional<QueryLanguage> queryLanguage,
        Optional<DataPath> inputPath,
        Optional<NumericValue> seconds,
        Optional<String> secondsPath,
        Optional<String> timestamp,
        Optional<String> timestampPath,
        Optional<DataPath> outputPath,
        Optional<JsonNode> output,
        Optional<JsonNode> assign,
        Optional<String> next,
        boolean end) implements State {

    public WaitState {
        comment = Values.optional(comment);
        queryLanguage = Values.optional(queryLanguage);
        inputPath = Values.optional(inputPath);
        seconds = Values.optional(seconds);
        secondsPath = Values.optional(secondsPath);
        timestamp = Values.optional(timestamp);
        timestampPath = Values.optional(timestampPath);
        outputPath = Values.optional(outputPath);
        output = Values.json(output);
        assign = Values.json(assign);
        next = Values.optional(next);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder extends StateBuilders.Flow<Builder> {
        private NumericValue seconds;
        private String secondsPath;
        private String timestamp;
        private String timestampPath;

        private Builder() {}

        @Override
        Builder self() {
            return this;
        }

        public Builder seconds(long seconds) {
            this.seconds = NumericValue.of(seconds);
            return this;
        }

        public Builder seconds(NumericValue seconds) {
            this.seconds = seconds;
            return this;
        }

        public Builder secondsPath(String secondsPath) {
            this.secondsPath = secondsPath;
            return this;
        }

        public Builder timestamp(String timestamp) {
            this.timestamp = timestamp;
            return this;
        }

        public Builder timestampPath(String timestampPath) {
            this.timestampPath = timestampPath;
            return this;
        }

        public WaitState build() {
            return new WaitState(Optional.ofNullable(comment), Optional.ofNullable(queryLanguage), Optional.ofNullable(inputPath), Optional.ofNullable(seconds), Optional.ofNullable(secondsPath), Optional.ofNullable(timestamp), Optional.ofNullable(timestampPath), Optional.ofNullable(outputPath), Optional.ofNullable(output), Optional.ofNullable(assign), Optional.ofNullable(next), end);
        }
    }
}
