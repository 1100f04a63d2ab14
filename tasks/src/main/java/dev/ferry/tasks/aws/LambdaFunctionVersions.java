package dev.ferry.tasks.aws;

import Ferry.FunctionNotFound;
import dev.ferry.tasks.lambdaversion.FunctionVersions;
import java.util.Optional;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * Lambda versions and aliases. The version Ferry publishes carries the execution and the alias's
 * version before it in its description ({@code ferry <execution> previous <version>}); a repeated
 * publish finds that version and does not deploy or publish again, and still knows what to roll back to.
 */
public final class LambdaFunctionVersions implements FunctionVersions {

  private final LambdaClient lambda;

  public LambdaFunctionVersions(LambdaClient lambda) {
    this.lambda = lambda;
  }

  @Override
  public Published publish(String functionName, String alias, String bucket, String key, String executionName) {
    try {
      // One execution may publish several versions (one per hop): each is found again by its code.
      String marker = "ferry " + executionName + " s3://" + bucket + "/" + key + " previous ";
      Optional<FunctionConfiguration> ours = lambda.listVersionsByFunctionPaginator(r -> r.functionName(functionName))
          .versions().stream().filter(v -> v.description() != null && v.description().startsWith(marker)).findFirst();
      String current = lambda.getAlias(r -> r.functionName(functionName).name(alias)).functionVersion();
      String previous;
      String published;
      if (ours.isPresent()) {
        previous = ours.get().description().substring(marker.length());
        published = ours.get().version();
      } else {
        previous = current;
        lambda.updateFunctionCode(r -> r.functionName(functionName).s3Bucket(bucket).s3Key(key));
        lambda.waiter().waitUntilFunctionUpdatedV2(r -> r.functionName(functionName));
        published = lambda.publishVersion(r -> r.functionName(functionName).description(marker + previous)).version();
      }
      if (!published.equals(current)) {
        lambda.updateAlias(r -> r.functionName(functionName).name(alias).functionVersion(published));
      }
      return new Published(previous, published);
    } catch (ResourceNotFoundException e) {
      throw new FunctionNotFound("Lambda function " + functionName + " or its alias " + alias + " does not exist: "
          + e.awsErrorDetails().errorMessage(), e);
    }
  }

  @Override
  public void pointAlias(String functionName, String alias, String version) {
    try {
      lambda.updateAlias(r -> r.functionName(functionName).name(alias).functionVersion(version));
    } catch (ResourceNotFoundException e) {
      throw new FunctionNotFound("Lambda function " + functionName + " alias " + alias + " or version " + version
          + " does not exist: " + e.awsErrorDetails().errorMessage(), e);
    }
  }
}
