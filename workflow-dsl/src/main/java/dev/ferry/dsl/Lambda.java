package dev.ferry.dsl;

/** Lambda actions: {@code Lambda.function("ferry-db-snapshot-create").payload(...)}. */
public final class Lambda {
  private Lambda() {}

  public static Action.LambdaInvoke function(String functionName) {
    return new Action.LambdaInvoke(functionName, Payload.empty());
  }
}
