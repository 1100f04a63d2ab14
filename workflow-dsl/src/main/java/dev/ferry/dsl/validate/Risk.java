package dev.ferry.dsl.validate;

/**
 * What a {@link Warning} is about: a migration that compiles and is safe by the rules, but whose
 * runs can go wrong the way it is started. Named like {@link Rule}, in the words an operator reads.
 */
public enum Risk {
  SCHEDULED_APPROVAL_AFTER_CHANGE("a scheduled run waits for an approval after changing the target");

  private final String words;

  Risk(String words) {
    this.words = words;
  }

  public String words() {
    return words;
  }
}
