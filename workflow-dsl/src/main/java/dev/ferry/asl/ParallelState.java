package dev.ferry.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A Parallel state: runs its branches at once; its result is the array of their outputs. */
public record ParallelState(
        Optional<String> comment,
        Optional<QueryLanguage> queryLanguage,
        List<Branch> branches,
        Optional<DataPath> inputPath,
        Optional<JsonNode> parameters,
        Optional<JsonNode> arguments,
        Optional<JsonNode> resultSelector,
        Optional<DataPath> resultPath,
        Optional<DataPath> outputPath,
        Optional<JsonNode> output,
        Optional<JsonNode> assign,
        List<Retrier> retry,
        List<Catcher> catchers,
        Optional<String> next,
        boolean end) implements State {

    public ParallelState {
        comment = Values.optional(comment);
        queryLanguage = Values.optional(queryLanguage);
        branches = Values.list(branches);
        inputPath = Values.optional(inputPath);
        parameters = Values.json(parameters);
        arguments = Values.json(arguments);
        resultSelector = Values.json(resultSelector);
        resultPath = Values.optional(resultPath);
        outputPath = Values.optional(outputPath);
        output = Values.json(output);
        assign = Values.json(assign);
        retry = Values.list(retry);
        catchers = Values.list(catchers);
        next = Values.optional(next);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String comment;
        private QueryLanguage queryLanguage;
        private final List<Branch> branches = new ArrayList<>();
        private DataPath inputPath;
        private JsonNode parameters;
        private JsonNode arguments;
        private JsonNode resultSelector;
        private DataPath resultPath;
        private DataPath outputPath;
        private JsonNode output;
        private JsonNode assign;
        private final List<Retrier> retry = new ArrayList<>();
        private final List<Catcher> catchers = new ArrayList<>();
        private String next;
        private boolean end;

        private Builder() {}

        public Builder comment(String comment) {
            this.comment = comment;
            return this;
        }

        public Builder queryLanguage(QueryLanguage queryLanguage) {
            this.queryLanguage = queryLanguage;
            return this;
        }

        /** Appends a Branch; order matters. */
        public Builder branch(Branch branch) {
            this.branches.add(Objects.requireNonNull(branch, "branch"));
            return this;
        }

        public Builder branches(List<Branch> branches) {
            branches.forEach(this::branch);
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

        public ParallelState build() {
            return new ParallelState(Optional.ofNullable(comment), Optional.ofNullable(queryLanguage), branches, Optional.ofNullable(inputPath), Optional.ofNullable(parameters), Optional.ofNullable(arguments), Optional.ofNullable(resultSelector), Optional.ofNullable(resultPath), Optional.ofNullable(outputPath), Optional.ofNullable(output), Optional.ofNullable(assign), retry, catchers, Optional.ofNullable(next), end);
        }
    }
}
