package dev.ferry.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
  * The setters state builders share, in layers that follow the ASL field groups: every state has a
  * comment and query language; all but Fail shape their input and output; Choice and the states
  * after it assign variables; states that move on have Next/End; Pass, Task, Parallel and Map take
  * parameters and a result path; Task, Parallel and Map also select results, retry and catch. Each
  * state's {@code Builder} extends the layer that matches its fields, so it offers exactly those.
  */
public final class StateBuilders {
    private StateBuilders() {}

    /** Comment and QueryLanguage: every state. */
    public abstract static class Common<B extends Common<B>> {
        String comment;
        QueryLanguage queryLanguage;

        Common() {}

        abstract B self();

        public B comment(String comment) {
            this.comment = comment;
            return self();
        }

        public B queryLanguage(QueryLanguage queryLanguage) {
            this.queryLanguage = queryLanguage;
            return self();
        }
    }

    /** InputPath, OutputPath and Output: every state but Fail. */
    public abstract static class Data<B extends Data<B>> extends Common<B> {
        DataPath inputPath;
        DataPath outputPath;
        JsonNode output;

        Data() {}

        public B inputPath(String inputPath) {
            return inputPath(DataPath.of(inputPath));
        }

        /** Sets the path, or JSON null with {@link DataPath#nullPath()}. */
        public B inputPath(DataPath inputPath) {
            this.inputPath = inputPath;
            return self();
        }

        public B outputPath(String outputPath) {
            return outputPath(DataPath.of(outputPath));
        }

        /** Sets the path, or JSON null with {@link DataPath#nullPath()}. */
        public B outputPath(DataPath outputPath) {
            this.outputPath = outputPath;
            return self();
        }

        public B output(JsonNode output) {
            this.output = output;
            return self();
        }
    }

    /** Assign: Choice and every state that moves on. */
    public abstract static class Assigning<B extends Assigning<B>> extends Data<B> {
        JsonNode assign;

        Assigning() {}

        public B assign(JsonNode assign) {
            this.assign = assign;
            return self();
        }
    }

    /** Next or End: Pass, Task, Wait, Parallel and Map. */
    public abstract static class Flow<B extends Flow<B>> extends Assigning<B> {
        String next;
        boolean end;

        Flow() {}

        public B next(String next) {
            this.next = next;
            return self();
        }

        /** Marks this state as the last of its scope. */
        public B end() {
            this.end = true;
            return self();
        }
    }

    /** Parameters and ResultPath: Pass, Task, Parallel and Map. */
    public abstract static class Result<B extends Result<B>> extends Flow<B> {
        JsonNode parameters;
        DataPath resultPath;

        Result() {}

        public B parameters(JsonNode parameters) {
            this.parameters = parameters;
            return self();
        }

        public B resultPath(String resultPath) {
            return resultPath(DataPath.of(resultPath));
        }

        /** Sets the path, or JSON null with {@link DataPath#nullPath()}. */
        public B resultPath(DataPath resultPath) {
            this.resultPath = resultPath;
            return self();
        }
    }

    /** ResultSelector, Retry and Catch: Task, Parallel and Map. */
    public abstract static class Recoverable<B extends Recoverable<B>> extends Result<B> {
        JsonNode resultSelector;
        final List<Retrier> retry = new ArrayList<>();
        final List<Catcher> catchers = new ArrayList<>();

        Recoverable() {}

        public B resultSelector(JsonNode resultSelector) {
            this.resultSelector = resultSelector;
            return self();
        }

        /** Appends a Retrier; order matters. */
        public B retry(Retrier retry) {
            this.retry.add(Objects.requireNonNull(retry, "retry"));
            return self();
        }

        public B retry(List<Retrier> retry) {
            retry.forEach(this::retry);
            return self();
        }

        /** Appends a Catcher; order matters. */
        public B catcher(Catcher catcher) {
            this.catchers.add(Objects.requireNonNull(catcher, "catcher"));
            return self();
        }

        public B catchers(List<Catcher> catchers) {
            catchers.forEach(this::catcher);
            return self();
        }
    }
}
