package dev.ferry.dsl;

/** Expectations on a step's result, read as {@code .expect(Expect.isTrue("ok"))}. */
public final class Expect {
  private Expect() {}

  public static Condition.FieldEquals equalTo(String field, Object value) {
    return Condition.equals(field, value);
  }

  public static Condition.IsTrue isTrue(String field) {
    return Condition.isTrue(field);
  }

  public static Condition.VersionAtLeast versionAtLeast(String field, String minimum) {
    return Condition.versionAtLeast(field, minimum);
  }
}
