package dev.ferry.asl;

import java.util.Arrays;
import java.util.Optional;

/** The language a state's data fields are written in. A state without one inherits the machine's. */
public enum QueryLanguage {
    JSONPATH("JSONPath"),
    JSONATA("JSONata");

    private final String jsonName;

    QueryLanguage(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The spelling used in ASL JSON. */
    public String jsonName() {
        return jsonName;
    }

    public static Optional<QueryLanguage> fromJson(String name) {
        return Arrays.stream(values()).filter(q -> q.jsonName.equals(name)).findFirst();
    }
}
