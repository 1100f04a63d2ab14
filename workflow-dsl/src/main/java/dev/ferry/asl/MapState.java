package dev.ferry.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/** A Map state: runs its item processor once per item of an array. {@code iterator} and {@code parameters} are the older names of {@code itemProcessor} and {@code itemSelector}; a state uses one of each pair. */
public record MapState(
        Optional<String> comment,
        Optional<QueryLanguage> queryLanguage,
        Optional<ItemProcessor> itemProcessor,
        Optional<ItemProcessor> iterator,
        Optional<DataPath> inputPath,
        Optional<String> itemsPath,
        Optional<JsonNode> items,
        Optional<JsonNode> itemSelector,
        Optional<JsonNode> parameters,
        Optional<JsonNode> itemReader,
        Optional<JsonNode> itemBatcher,
        Optional<JsonNode> resultWriter,
        Optional<String> label,
        Optional<NumericValue> maxConcurrency,
        Optional<String> maxConcurrencyPath,
        Optional<NumericValue> toleratedFailureCount,
        Optional<String> toleratedFailureCountPath,
        Optional<NumericValue> toleratedFailurePercentage,
        Optional<String> toleratedFailurePercentagePath,
        Optional<JsonNode> resultSelector,
        Optional<DataPath> resultPath,
        Optional<DataPath> outputPath,
        Optional<JsonNode> output,
        Optional<JsonNode> assign,
        List<Retrier> retry,
        List<Catcher> catchers,
        Optional<String> next,
        boolean end) implements State {

    public MapState {
        comment = Values.optional(comment);
        queryLanguage = Values.optional(queryLanguage);
        itemProcessor = Values.optional(itemProcessor);
        iterator = Values.optional(iterator);
        inputPath = Values.optional(inputPath);
        itemsPath = Values.optional(itemsPath);
        items = Values.json(items);
        itemSelector = Values.json(itemSelector);
        parameters = Values.json(parameters);
        itemReader = Values.json(itemReader);
        itemBatcher = Values.json(itemBatcher);
        resultWriter = Values.json(resultWriter);
        label = Values.optional(label);
        maxConcurrency = Values.optional(maxConcurrency);
        maxConcurrencyPath = Values.optional(maxConcurrencyPath);
        toleratedFailureCount = Values.optional(toleratedFailureCount);
        toleratedFailureCountPath = Values.optional(toleratedFailureCountPath);
        toleratedFailurePercentage = Values.optional(toleratedFailurePercentage);
        toleratedFailurePercentagePath = Values.optional(toleratedFailurePercentagePath);
        resultSelector = Values.json(resultSelector);
        resultPath = Values.optional(resultPath);
        outputPath = Values.optional(outputPath);
        output = Values.json(output);
        assign = Values.json(assign);
        retry = Values.list(retry);
        catchers = Values.list(catchers);
        next = Values.optional(next);
    }

    /** The item processor, whichever of ItemProcessor or the older Iterator the state uses. */
    public Optional<ItemProcessor> processor() {
        return itemProcessor.or(() -> iterator);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder extends StateBuilders.Recoverable<Builder> {
        private ItemProcessor itemProcessor;
        private ItemProcessor iterator;
        private String itemsPath;
        private JsonNode items;
        private JsonNode itemSelector;
        private JsonNode itemReader;
        private JsonNode itemBatcher;
        private JsonNode resultWriter;
        private String label;
        private NumericValue maxConcurrency;
        private String maxConcurrencyPath;
        private NumericValue toleratedFailureCount;
        private String toleratedFailureCountPath;
        private NumericValue toleratedFailurePercentage;
        private String toleratedFailurePercentagePath;

        private Builder() {}

        @Override
        Builder self() {
            return this;
        }

        public Builder itemProcessor(ItemProcessor itemProcessor) {
            this.itemProcessor = itemProcessor;
            return this;
        }

        public Builder iterator(ItemProcessor iterator) {
            this.iterator = iterator;
            return this;
        }

        public Builder itemsPath(String itemsPath) {
            this.itemsPath = itemsPath;
            return this;
        }

        public Builder items(JsonNode items) {
            this.items = items;
            return this;
        }

        public Builder itemSelector(JsonNode itemSelector) {
            this.itemSelector = itemSelector;
            return this;
        }

        public Builder itemReader(JsonNode itemReader) {
            this.itemReader = itemReader;
            return this;
        }

        public Builder itemBatcher(JsonNode itemBatcher) {
            this.itemBatcher = itemBatcher;
            return this;
        }

        public Builder resultWriter(JsonNode resultWriter) {
            this.resultWriter = resultWriter;
            return this;
        }

        public Builder label(String label) {
            this.label = label;
            return this;
        }

        public Builder maxConcurrency(long maxConcurrency) {
            this.maxConcurrency = NumericValue.of(maxConcurrency);
            return this;
        }

        public Builder maxConcurrency(NumericValue maxConcurrency) {
            this.maxConcurrency = maxConcurrency;
            return this;
        }

        public Builder maxConcurrencyPath(String maxConcurrencyPath) {
            this.maxConcurrencyPath = maxConcurrencyPath;
            return this;
        }

        public Builder toleratedFailureCount(long toleratedFailureCount) {
            this.toleratedFailureCount = NumericValue.of(toleratedFailureCount);
            return this;
        }

        public Builder toleratedFailureCount(NumericValue toleratedFailureCount) {
            this.toleratedFailureCount = toleratedFailureCount;
            return this;
        }

        public Builder toleratedFailureCountPath(String toleratedFailureCountPath) {
            this.toleratedFailureCountPath = toleratedFailureCountPath;
            return this;
        }

        public Builder toleratedFailurePercentage(long toleratedFailurePercentage) {
            this.toleratedFailurePercentage = NumericValue.of(toleratedFailurePercentage);
            return this;
        }

        public Builder toleratedFailurePercentage(NumericValue toleratedFailurePercentage) {
            this.toleratedFailurePercentage = toleratedFailurePercentage;
            return this;
        }

        public Builder toleratedFailurePercentagePath(String toleratedFailurePercentagePath) {
            this.toleratedFailurePercentagePath = toleratedFailurePercentagePath;
            return this;
        }

        public MapState build() {
            return new MapState(Optional.ofNullable(comment), Optional.ofNullable(queryLanguage), Optional.ofNullable(itemProcessor), Optional.ofNullable(iterator), Optional.ofNullable(inputPath), Optional.ofNullable(itemsPath), Optional.ofNullable(items), Optional.ofNullable(itemSelector), Optional.ofNullable(parameters), Optional.ofNullable(itemReader), Optional.ofNullable(itemBatcher), Optional.ofNullable(resultWriter), Optional.ofNullable(label), Optional.ofNullable(maxConcurrency), Optional.ofNullable(maxConcurrencyPath), Optional.ofNullable(toleratedFailureCount), Optional.ofNullable(toleratedFailureCountPath), Optional.ofNullable(toleratedFailurePercentage), Optional.ofNullable(toleratedFailurePercentagePath), Optional.ofNullable(resultSelector), Optional.ofNullable(resultPath), Optional.ofNullable(outputPath), Optional.ofNullable(output), Optional.ofNullable(assign), retry, catchers, Optional.ofNullable(next), end);
        }
    }
}
