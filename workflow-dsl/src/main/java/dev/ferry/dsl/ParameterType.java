package dev.ferry.dsl;

/** The JSON type a parameter must have in the execution input. */
public enum ParameterType {
  STRING(JsonType.STRING, "string"),
  NUMBER(JsonType.NUMBER, "number"),
  BOOLEAN(JsonType.BOOLEAN, "boolean"),
  STRING_LIST(JsonType.STRING_LIST, "list of strings"),
  OBJECT_LIST(JsonType.OBJECT_LIST, "list of JSON objects"),
  OBJECT(JsonType.OBJECT, "JSON object");

  private final JsonType json;
  private final String words;

  ParameterType(JsonType json, String words) {
    this.json = json;
    this.words = words;
  }

  /** The JSON type its value has, as task inputs name it. */
  public JsonType json() {
    return json;
  }

  public String words() {
    return words;
  }
}
