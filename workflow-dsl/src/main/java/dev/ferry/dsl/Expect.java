package dev.ferry.dsl;

/** Expectations on a step's result, read as {@code .expect(Expect.isTrue(SchemaVerify.OK))}. */
public final class Expect {
  private Expect() {}

  public static <V> Condition.FieldEquals equalTo(ResultField<V> field, V value) {
    return Condition.equals(field, value);
  }

  public static Condition.IsTrue isTrue(ResultField<Boolean> field) {
    return Condition.isTrue(field);
  }

  public static Condition.VersionAtLeast versionAtLeast(ResultField<String> field, String minimum) {
    return Condition.versionAtLeast(field, minimum);
  }
}
