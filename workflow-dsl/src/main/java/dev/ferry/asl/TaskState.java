package dev.ferry.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
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

    public static final class Builder {
        private String comment;
        private QueryLanguage queryLanguage;
        private final String resource;
        private DataPath inputPath;
        private JsonNode parameters;
        private JsonNode arguments;
        private JsonNode resultSelector;
        private DataPath resultPath;
        private DataPath outputPath;
        private JsonNode output;
        private JsonNode assign;
        private NumericValue timeoutSeconds;
        private String timeoutSecondsPath;
        private NumericValue heartbeatSeconds;
        private String heartbeatSecondsPath;
        private JsonNode credentials;
        private final List<Retrier> retry = new ArrayList<>();
        private final List<Catcher> catchers = new ArrayList<>();
        private String next;
        private boolean end;

        private Builder(String resource) {
            this.resource = Objects.requireNonNull(resource, "resource");
        }

        public Builder comment(String comment) {
            this.comment = comment;
            return this;
        }

        public Builder queryLanguage(QueryLanguage queryLanguage) {
            this.queryLanguage = queryLanguage;
            return this;
        }

        public Builder inputPath(String inputPath) {
            this.inputPath = DataPath.of(inputPath);
            return this;
        }

        /** Sets the path, or JSON null with {@link DataPath#nullPath()}. */
        public Builder inputPath(DataPath inputPath) {
            this.inputPath = inputPath;
            return this;
        }

        public Builder parameters(JsonNode parameters) {
            this.parameters = parameters;
            return this;
        }

        public Builder arguments(JsonNode arguments) {
            this.arguments = arguments;
            return this;
        }

        public Builder resultSelector(JsonNode resultSelector) {
            this.resultSelector = resultSelector;
            return this;
        }

        public Builder resultPath(String resultPath) {
            this.resultPath = DataPath.of(resultPath);
            return this;
        }

        /** Sets the path, or JSON null with {@link DataPath#nullPath()}. */
        public Builder resultPath(DataPath resultPath) {
            this.resultPath = resultPath;
            return this;
        }

        public Builder outputPath(String outputPath) {
            this.outputPath = DataPath.of(outputPath);
            return this;
        }

        /** Sets the path, or JSON null with {@link DataPath#nullPath()}. */
        public Builder outputPath(DataPath outputPath) {
            this.outputPath = outputPath;
            return this;
        }

        public Builder output(JsonNode output) {
            this.output = output;
            return this;
        }

        public Builder assign(JsonNode assign) {
            this.assign = assign;
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

        /** Appends a Retrier; order matters. */
        public Builder retry(Retrier retry) {
            this.retry.add(Objects.requireNonNull(retry, "retry"));
            return this;
        }

        public Builder retry(List<Retrier> retry) {
            retry.forEach(this::retry);
            return this;
        }

        /** Appends a Catcher; order matters. */
        public Builder catcher(Catcher catcher) {
            this.catchers.add(Objects.requireNonNull(catcher, "catcher"));
            return this;
        }

        public Builder catchers(List<Catcher> catchers) {
            catchers.forEach(this::catcher);
            return this;
        }

        public Builder next(String next) {
            this.next = next;
            return this;
        }

        /** Marks this state as the last of its scope. */
        public Builder end() {
            this.end = true;
            return this;
        }

        public TaskState build() {
            return new TaskState(Optional.ofNullable(comment), Optional.ofNullable(queryLanguage), resource, Optional.ofNullable(inputPath), Optional.ofNullable(parameters), Optional.ofNullable(arguments), Optional.ofNullable(resultSelector), Optional.ofNullable(resultPath), Optional.ofNullable(outputPath), Optional.ofNullable(output), Optional.ofNullable(assign), Optional.ofNullable(timeoutSeconds), Optional.ofNullable(timeoutSecondsPath), Optional.ofNullable(heartbeatSeconds), Optional.ofNullable(heartbeatSecondsPath), Optional.ofNullable(credentials), retry, catchers, Optional.ofNullable(next), end);
        }
    }
}
