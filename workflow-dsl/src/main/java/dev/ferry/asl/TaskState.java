package dev.ferry.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A Task state: calls {@code resource} (a Lambda ARN, an {@code arn:aws:states:::} service integration, an activity). */
public record TaskState(
        Optional<String> comment,
        Optional<QueryLanguage> queryLanguage,
        String resource,
        Optional<DataPath> inputPath,
        Optional<JsonNode> parameters,
        Optional<JsonNode> arguments,
        Optional<JsonNode> resultSelector,
        Optional<DataPath> resultPath,
        Optional<DataPath> outputPath,
        Optional<JsonNode> output,
        Optional<JsonNode> assign,
        Optional<NumericValue> timeoutSeconds,
        Optional<String> timeoutSecondsPath,
        Optional<NumericValue> heartbeatSeconds,
        Optional<String> heartbeatSecondsPath,
        Optional<JsonNode> credentials,
        List<Retrier> retry,
        List<Catcher> catchers,
        Optional<String> next,
        boolean end) implements State {

    public TaskState {
        comment = Values.optional(comment);
        queryLanguage = Values.optional(queryLanguage);
        Objects.requireNonNull(resource, "resource");
        inputPath = Values.optional(inputPath);
        parameters = Values.json(parameters);
        arguments = Values.json(arguments);
        resultSelector = Values.json(resultSelector);
        resultPath = Values.optional(resultPath);
        outputPath = Values.optional(outputPath);
        output = Values.json(output);
        assign = Values.json(assign);
        timeoutSeconds = Values.optional(timeoutSeconds);
        timeoutSecondsPath = Values.optional(timeoutSecondsPath);
        heartbeatSeconds = Values.optional(heartbeatSeconds);
        heartbeatSecondsPath = Values.optional(heartbeatSecondsPath);
        credentials = Values.json(credentials);
        retry = Values.list(retry);
        catchers = Values.list(catchers);
        next = Values.optional(next);
    }

    public static Builder builder(String resource) {
        return new Builder(resource);
    }

    public static final class Builder extends StateBuilders.Recoverable<Builder> {
        private final String resource;
        private JsonNode arguments;
        private NumericValue timeoutSeconds;
        private String timeoutSecondsPath;
        private NumericValue heartbeatSeconds;
        private String heartbeatSecondsPath;
        private JsonNode credentials;

        private Builder(String resource) {
            this.resource = Objects.requireNonNull(resource, "resource");
        }

        @Override
        Builder self() {
            return this;
        }

        public Builder arguments(JsonNode arguments) {
            this.arguments = arguments;
            return this;
        }

        public Builder timeoutSeconds(long timeoutSeconds) {
            this.timeoutSeconds = NumericValue.of(timeoutSeconds);
            return this;
        }

        public Builder timeoutSeconds(NumericValue timeoutSeconds) {
            this.timeoutSeconds = timeoutSeconds;
            return this;
        }

        public Builder timeoutSecondsPath(String timeoutSecondsPath) {
            this.timeoutSecondsPath = timeoutSecondsPath;
            return this;
        }

        public Builder heartbeatSeconds(long heartbeatSeconds) {
            this.heartbeatSeconds = NumericValue.of(heartbeatSeconds);
            return this;
        }

        public Builder heartbeatSeconds(NumericValue heartbeatSeconds) {
            this.heartbeatSeconds = heartbeatSeconds;
            return this;
        }

        public Builder heartbeatSecondsPath(String heartbeatSecondsPath) {
            this.heartbeatSecondsPath = heartbeatSecondsPath;
            return this;
        }

        public Builder credentials(JsonNode credentials) {
            this.credentials = credentials;
            return this;
        }

        public TaskState build() {
            return new TaskState(Optional.ofNullable(comment), Optional.ofNullable(queryLanguage), resource, Optional.ofNullable(inputPath), Optional.ofNullable(parameters), Optional.ofNullable(arguments), Optional.ofNullable(resultSelector), Optional.ofNullable(resultPath), Optional.ofNullable(outputPath), Optional.ofNullable(output), Optional.ofNullable(assign), Optional.ofNullable(timeoutSeconds), Optional.ofNullable(timeoutSecondsPath), Optional.ofNullable(heartbeatSeconds), Optional.ofNullable(heartbeatSecondsPath), Optional.ofNullable(credentials), retry, catchers, Optional.ofNullable(next), end);
        }
    }
}
