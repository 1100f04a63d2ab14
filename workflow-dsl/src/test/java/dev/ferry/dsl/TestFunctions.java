package dev.ferry.dsl;

import static dev.ferry.dsl.Ref.param;

/** User functions the tests call: declared once, returning the fields the tests read. */
public final class TestFunctions {
  private TestFunctions() {}

  public static final ResultField<Boolean> OK = ResultField.bool("ok");
  public static final ResultField<Boolean> DONE = ResultField.bool("done");
  public static final ResultField<String> ID = ResultField.string("id");
  public static final ResultField<String> STATUS = ResultField.string("status");
  public static final ResultField<String> LOCATION = ResultField.string("location");
  public static final ResultField<String> SNAPSHOT_ID = ResultField.string("snapshotId");
  public static final ResultField<String> FROM_VERSION = ResultField.string("fromVersion");
  public static final ResultField<String> ACTUAL = ResultField.string("actual");

  /** A user's function of this name returning every field above. */
  public static LambdaFunction fn(String name) {
    return LambdaFunction.named(name).returns(OK, DONE, ID, STATUS, LOCATION, SNAPSHOT_ID, FROM_VERSION, ACTUAL);
  }

  /** {@code step} calling {@link #fn} with the secret ARN. */
  public static <S extends WorkStep<S>> S call(S step, String function) {
    return step.invoke(fn(function).call(Payload.of("secretArn", param("secretArn"))));
  }
}
