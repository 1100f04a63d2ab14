package dev.ferry.dsl;

/** The JSON type of a task input or of a field a function returns. */
public enum JsonType {
  STRING("string"),
  NUMBER("number"),
  BOOLEAN("boolean"),
  STRING_LIST("list of strings"),
  OBJECT_LIST("list of objects"),
  OBJECT("object");

  private final String words;

  JsonType(String words) {
    this.words = words;
  }

  public String words() {
    return words;
  }
}
