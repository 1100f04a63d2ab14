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

    public static final class Builder extends StateBuilders.Recoverable<Builder> {
        private final List<Branch> branches = new ArrayList<>();
        private JsonNode arguments;

        private Builder() {}

        @Override
        Builder self() {
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

        public Builder arguments(JsonNode arguments) {
            this.arguments = arguments;
            return this;
        }

        public ParallelState build() {
            return new ParallelState(Optional.ofNullable(comment), Optional.ofNullable(queryLanguage), branches, Optional.ofNullable(inputPath), Optional.ofNullable(parameters), Optional.ofNullable(arguments), Optional.ofNullable(resultSelector), Optional.ofNullable(resultPath), Optional.ofNullable(outputPath), Optional.ofNullable(output), Optional.ofNullable(assign), retry, catchers, Optional.ofNullable(next), end);
        }
    }
}
