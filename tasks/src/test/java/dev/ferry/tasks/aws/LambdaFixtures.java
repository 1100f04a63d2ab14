package dev.ferry.tasks.aws;

import dev.ferry.testing.aws.MotoServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;

/** Lambda functions in moto: a role to run as and a small code package (moto never runs it). */
final class LambdaFixtures {

  private final LambdaClient lambda;
  private final String roleArn;

  LambdaFixtures(MotoServer moto, LambdaClient lambda) {
    this.lambda = lambda;
    try (IamClient iam = moto.client(IamClient.builder())) {
      roleArn = iam.createRole(r -> r.roleName("writer-role").assumeRolePolicyDocument(
          "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},"
              + "\"Action\":\"sts:AssumeRole\"}]}")).role().arn();
    }
  }

  /** Creates a function; {@code reservedConcurrency} null leaves it unreserved. */
  String function(String name, Integer reservedConcurrency) {
    String arn = lambda.createFunction(r -> r.functionName(name).runtime(Runtime.PYTHON3_12).role(roleArn)
        .handler("app.handle").code(c -> c.zipFile(SdkBytes.fromByteArray(zip("v1"))))).functionArn();
    if (reservedConcurrency != null) {
      lambda.putFunctionConcurrency(r -> r.functionName(name).reservedConcurrentExecutions(reservedConcurrency));
    }
    return arn;
  }

  Integer reservedConcurrency(String name) {
    return lambda.getFunctionConcurrency(r -> r.functionName(name)).reservedConcurrentExecutions();
  }

  static byte[] zip(String content) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("app.py"));
      zip.write(("VERSION = '" + content + "'\n").getBytes());
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
