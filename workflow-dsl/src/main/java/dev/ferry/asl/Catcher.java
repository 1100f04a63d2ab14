package dev.ferry.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a Catch array: on a matching error, go to {@code next}. JSONPath states place the
 * error output with {@code resultPath}; JSONata states shape it with {@code output}; both may
 * {@code assign} variables.
 */
public record Catcher(
        List<String> errorEquals,
        String next,
        Optional<DataPath> resultPath,
        Optional<JsonNode> output,
        Optional<JsonNode> assign) {

    public Catcher {
        errorEquals = Values.list(errorEquals);
        Objects.requireNonNull(next, "next");
        resultPath = Values.optional(resultPath);
        output = Values.json(output);
        assign = Values.json(assign);
    }

    /** A catcher for the given errors that goes to {@code next}, passing the state input on. */
    public static Catcher of(List<String> errorEquals, String next) {
        return builder(errorEquals, next).build();
    }

    public static Builder builder(List<String> errorEquals, String next) {
        return new Builder(errorEquals, next);
    }

    public static final class Builder {
        private final List<String> errorEquals;
        private final String next;
        private DataPath resultPath;
        private JsonNode output;
        private JsonNode assign;

        private Builder(List<String> errorEquals, String next) {
            this.errorEquals = Objects.requireNonNull(errorEquals, "errorEquals");
            this.next = Objects.requireNonNull(next, "next");
        }

        public Builder resultPath(String path) {
            this.resultPath = DataPath.of(path);
            return this;
        }

        /** Sets the path, or JSON null with {@link DataPath#nullPath()}. */
        public Builder resultPath(DataPath path) {
            this.resultPath = path;
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

        public Catcher build() {
            return new Catcher(errorEquals, next, Optional.ofNullable(resultPath), Optional.ofNullable(output),
                    Optional.ofNullable(assign));
        }
    }
}
