package dev.ferry.dsl;

/** The JSON type a parameter must have in the execution input. */
public enum ParameterType {
  STRING("string"),
  NUMBER("number"),
  BOOLEAN("boolean"),
  STRING_LIST("list of strings"),
  OBJECT_LIST("list of JSON objects"),
  OBJECT("JSON object");

  private final String words;

  ParameterType(String words) {
    this.words = words;
  }

  public String words() {
    return words;
  }
}
