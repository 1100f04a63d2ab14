package dev.ferry.tasks;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;

/** The Lambda {@link Context} handlers see when the local engine calls them in-process. */
enum LocalContext implements Context {
  INSTANCE;

  private static final LambdaLogger LOGGER = new LambdaLogger() {
    @Override
    public void log(String message) {
      System.err.println(message);
    }

    @Override
    public void log(byte[] message) {
      log(new String(message, StandardCharsets.UTF_8));
    }
  };

  @Override public String getAwsRequestId() { return "local"; }
  @Override public String getLogGroupName() { return "local"; }
  @Override public String getLogStreamName() { return "local"; }
  @Override public String getFunctionName() { return "local"; }
  @Override public String getFunctionVersion() { return "$LATEST"; }
  @Override public String getInvokedFunctionArn() { return "local"; }
  @Override public CognitoIdentity getIdentity() { return null; }
  @Override public ClientContext getClientContext() { return null; }
  @Override public int getRemainingTimeInMillis() { return Integer.MAX_VALUE; }
  @Override public int getMemoryLimitInMB() { return 0; }
  @Override public LambdaLogger getLogger() { return LOGGER; }
}
