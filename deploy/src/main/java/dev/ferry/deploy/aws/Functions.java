package dev.ferry.deploy.aws;

import dev.ferry.deploy.DeployReport.Action;
import dev.ferry.deploy.DeployReport.Change;
import dev.ferry.deploy.FerryException;
import dev.ferry.deploy.FunctionSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * Deploys the tasks jar as one Lambda function per {@link FunctionSpec}, publishing a version
 * whenever code or configuration changed. Unchanged functions are left alone.
 */
final class Functions {

  /** Lambda's limit for code uploaded in the request rather than from S3. */
  static final long DIRECT_UPLOAD_LIMIT = 50L * 1024 * 1024;
  static final Runtime RUNTIME = Runtime.JAVA21;

  private final LambdaClient lambda;
  private final RoleReadiness readiness;

  Functions(LambdaClient lambda, RoleReadiness readiness) {
    this.lambda = lambda;
    this.readiness = readiness;
  }

  List<Change> ensure(Path jar, List<FunctionSpec> specs, String roleArn) {
    byte[] code = read(jar);
    String codeSha = sha256Base64(code);
    List<Change> changes = new ArrayList<>();
    for (FunctionSpec spec : specs) {
      changes.add(ensure(spec, code, codeSha, roleArn));
    }
    return changes;
  }

  private Change ensure(FunctionSpec spec, byte[] code, String codeSha, String roleArn) {
    FunctionConfiguration current;
    try {
      current = lambda.getFunction(r -> r.functionName(spec.name())).configuration();
    } catch (ResourceNotFoundException e) {
      var created = readiness.whileRoleIsNew(() -> lambda.createFunction(r -> r
          .functionName(spec.name())
          .runtime(RUNTIME)
          .role(roleArn)
          .handler(spec.handler())
          .memorySize(spec.memoryMb())
          .timeout(spec.timeoutSeconds())
          .code(c -> c.zipFile(SdkBytes.fromByteArray(code)))
          .publish(true)));
      lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName(spec.name()));
      return new Change("lambda-function", spec.name(), Action.CREATED, "version " + created.version());
    }
    boolean codeChanged = !codeSha.equals(current.codeSha256());
    boolean configChanged = !spec.handler().equals(current.handler())
        || !Objects.equals(spec.memoryMb(), current.memorySize())
        || !Objects.equals(spec.timeoutSeconds(), current.timeout())
        || !roleArn.equals(current.role())
        || current.runtime() != RUNTIME;
    if (!codeChanged && !configChanged) {
      return new Change("lambda-function", spec.name(), Action.UNCHANGED, "code " + codeSha);
    }
    if (codeChanged) {
      lambda.updateFunctionCode(r -> r.functionName(spec.name()).zipFile(SdkBytes.fromByteArray(code)));
      lambda.waiter().waitUntilFunctionUpdatedV2(r -> r.functionName(spec.name()));
    }
    if (configChanged) {
      readiness.whileRoleIsNew(() -> lambda.updateFunctionConfiguration(r -> r
          .functionName(spec.name())
          .runtime(RUNTIME)
          .role(roleArn)
          .handler(spec.handler())
          .memorySize(spec.memoryMb())
          .timeout(spec.timeoutSeconds())));
      lambda.waiter().waitUntilFunctionUpdatedV2(r -> r.functionName(spec.name()));
    }
    String version = lambda.publishVersion(r -> r.functionName(spec.name())).version();
    return new Change("lambda-function", spec.name(), Action.UPDATED,
        (codeChanged ? "code" : "") + (codeChanged && configChanged ? " and " : "")
            + (configChanged ? "configuration" : "") + " changed, version " + version);
  }

  private static byte[] read(Path jar) {
    try {
      long size = Files.size(jar);
      if (size > DIRECT_UPLOAD_LIMIT) {
        throw FerryException.badInput(
            "tasks jar " + jar + " is " + size / (1024 * 1024) + " MB, over Lambda's 50 MB direct upload limit",
            "build the tasks jar without unused dependencies so it fits");
      }
      return Files.readAllBytes(jar);
    } catch (IOException e) {
      throw FerryException.badInput("tasks jar " + jar + " cannot be read: " + e.getMessage(),
          "build it first (./build package -pl tasks -am) and pass its path with --tasks-jar");
    }
  }

  /** Lambda reports {@code CodeSha256} as the base64 SHA-256 of the deployment package. */
  static String sha256Base64(byte[] code) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(code));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }
}
