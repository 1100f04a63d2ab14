package dev.ferry.dsl.validate;

/** The rules a migration must meet, in the words an operator reads in an error. */
public enum Rule {
  INVALID_STEP_ID("invalid step id"),
  MISSING_ACTION("step has nothing to run"),
  GUARD_AFTER_SIDE_EFFECT("guard after a step with side effects"),
  BACKUP_BEFORE_UPGRADE("upgrade without a backup before it"),
  PAUSE_WITHOUT_RESUME("pause without a resume on every path"),
  VERIFY_AFTER_UPGRADE("upgrade without a verify after it"),
  UNKNOWN_REFERENCE("reference to an unknown step or parameter"),
  OUTPUT_MAY_NOT_EXIST("reads the output of a step that may not have run"),
  CYCLE("cycle that is not a declared polling loop"),
  APPROVAL_BEFORE_IRREVERSIBLE("irreversible step without an approval before it"),
  COMPENSATION_AFTER_NO_RETURN("compensation declared after the point of no return"),
  NO_RETURN_MARKER("point of no return declared at a step that cannot hold it"),
  TIMEOUT_BEFORE_CHANGE("approval declared to fail before any change comes after a change"),
  VERSION_PATH("version hops do not form a path in the compatibility matrix"),
  VERSION_PREREQUISITE("version hop prerequisite has not run"),
  RESUME_TARGET("resume names a step that is not a pause"),
  DUPLICATE_STATE_NAME("duplicate state name"),
  STATE_NAME_TOO_LONG("state name longer than 80 characters"),
  POLL_HISTORY_LIMIT("polling loop can exceed the 25,000-event execution history"),
  DEFINITION_TOO_LARGE("definition larger than 1 MB"),
  UNKNOWN_FUNCTION("call of a ferry- function that Ferry does not ship"),
  FUNCTION_DECLARED_TWICE("one function name declared with different result fields"),
  MISSING_INPUT("shipped task called without a required input"),
  UNKNOWN_INPUT("shipped task called with an input it does not take"),
  INPUT_TYPE("shipped task input given a parameter of another type"),
  UNKNOWN_RESULT_FIELD("reads a result field its function does not return"),
  RESULT_VALUE("compares a result field with a value the function never returns");

  private final String words;

  Rule(String words) {
    this.words = words;
  }

  public String words() {
    return words;
  }
}
