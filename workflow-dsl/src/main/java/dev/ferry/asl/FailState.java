package dev.ferry.asl;

import java.util.Optional;

/** A Fail state: ends the execution with an error name and cause, given literally or by path. */
public record FailState(
        Optional<String> comment,
        Optional<QueryLanguage> queryLanguage,
        Optional<String> error,
        Optional<String> errorPath,
        Optional<String> cause,
        Optional<String> causePath) implements State {

    public FailState {
        comment = Values.optional(comment);
        queryLanguage = Values.optional(queryLanguage);
        error = Values.optional(error);
        errorPath = Values.optional(errorPath);
        cause = Values.optional(cause);
        causePath = Values.optional(causePath);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder extends StateBuilders.Common<Builder> {
        private String error;
        private String errorPath;
        private String cause;
        private String causePath;

        private Builder() {}

        @Override
        Builder self() {
            return this;
        }

        public Builder error(String error) {
            this.error = error;
            return this;
        }

        public Builder errorPath(String errorPath) {
            this.errorPath = errorPath;
            return this;
        }

        public Builder cause(String cause) {
            this.cause = cause;
            return this;
        }

        public Builder causePath(String causePath) {
            this.causePath = causePath;
            return this;
        }

        public FailState build() {
            return new FailState(Optional.ofNullable(comment), Optional.ofNullable(queryLanguage), Optional.ofNullable(error), Optional.ofNullable(errorPath), Optional.ofNullable(cause), Optional.ofNullable(causePath));
        }
    }
}
