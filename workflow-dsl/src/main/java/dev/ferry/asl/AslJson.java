package dev.ferry.asl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * ASL JSON in and out. {@link #write} gives the same bytes for equal machines: fields in a fixed
 * order (Type, Comment, the state's data fields, Next/End last), states in the order they were
 * added, two-space indentation, {@code \n} line ends and a final newline. {@link #read} accepts any
 * ASL definition, JSONPath or JSONata.
 */
public final class AslJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private static final ObjectWriter PRETTY = MAPPER.writer(new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private AslJson() {}

    /** The definition as UTF-8 bytes. */
    public static byte[] write(StateMachine machine) {
        return writeString(machine).getBytes(StandardCharsets.UTF_8);
    }

    /** The definition as text; its {@code length()} is the size AWS compares with the 1,048,576 character limit. */
    public static String writeString(StateMachine machine) {
        try {
            return PRETTY.writeValueAsString(toTree(machine)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the state machine", e);
        }
    }

    /** The definition as a Jackson tree, fields in writing order. */
    public static ObjectNode toTree(StateMachine machine) {
        return AslWriter.machine(machine);
    }

    /** One state as a Jackson tree, fields in writing order. */
    public static ObjectNode toTree(State state) {
        return AslWriter.state(state);
    }

    /**
     * Reads an ASL definition.
     *
     * @throws AslReadException if the text is not JSON or not ASL; the message names the state and field
     */
    public static StateMachine read(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            throw new AslReadException("the definition", "", "is not valid JSON"
                    + (location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr())
                    + ": " + e.getOriginalMessage() + "; fix the JSON syntax");
        }
        if (root == null || root.isMissingNode()) {
            throw new AslReadException("the definition", "", "is empty; give a JSON object with StartAt and States");
        }
        return fromTree(root);
    }

    /** Reads an already-parsed definition. */
    public static StateMachine fromTree(JsonNode root) {
        return AslReader.machine(root);
    }

    /** Parses JSON the way {@link #read} does (exact decimals, duplicate keys refused), for callers comparing trees. */
    public static JsonNode parse(String json) throws JsonProcessingException {
        return MAPPER.readTree(json);
    }
}
