package dev.ferry.dsl;

/** AWS SDK service integrations: {@code AwsSdk.call("rds", "describeDBInstances")}. */
public final class AwsSdk {
  private AwsSdk() {}

  /**
   * @param service the SDK service name in lower case ({@code rds}, {@code lambda})
   * @param apiAction the API action in camel case ({@code describeDBInstances})
   */
  public static Action.SdkCall call(String service, String apiAction) {
    return new Action.SdkCall(service, apiAction, Payload.empty());
  }
}
