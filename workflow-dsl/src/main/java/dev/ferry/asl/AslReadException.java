package dev.ferry.asl;

/**
 * A definition that is not well-formed ASL: bad JSON, an unknown field, a value of the wrong type or
 * a missing required field. The message names where ({@code state "Outer/Branches[0]/Inner"}), the
 * field, what is wrong and what to do.
 */
public final class AslReadException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String location;
    private final String field;

    AslReadException(String location, String field, String problem) {
        super(location + (field.isEmpty() ? "" : ", field \"" + field + "\"") + ": " + problem);
        this.location = location;
        this.field = field;
    }

    /** Where the problem is: {@code the state machine}, {@code state "X"}, or a rule inside a state. */
    public String location() {
        return location;
    }

    /** The offending field's name; empty when the problem is not about one field. */
    public String field() {
        return field;
    }
}
