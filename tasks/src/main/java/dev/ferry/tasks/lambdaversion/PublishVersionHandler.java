package dev.ferry.tasks.lambdaversion;

import com.amazonaws.services.lambda.runtime.Context;
import dev.ferry.tasks.FerryHandler;
import dev.ferry.tasks.aws.AwsAdapters;
import dev.ferry.tasks.Fields;

/** {@code ferry-lambda-version-publish}: new code published as a version, the alias moved onto it. */
public final class PublishVersionHandler
    extends FerryHandler<PublishVersionHandler.Input, PublishVersionHandler.Output> {

  public record Input(String functionName, String alias, String codeS3Bucket, String codeS3Key, String executionName) {}

  public record Output(String previousVersion, String newVersion) {}

  private final FunctionVersions versions;

  /** On AWS: the adapters over the SDK clients (the Lambda runtime calls this). */
  public PublishVersionHandler() {
    this(AwsAdapters.functionVersions());
  }

  public PublishVersionHandler(FunctionVersions versions) {
    this.versions = versions;
  }

  @Override
  public Output handleRequest(Input input, Context context) {
    var published = versions.publish(Fields.text(input.functionName(), "functionName"),
        Fields.text(input.alias(), "alias"), Fields.text(input.codeS3Bucket(), "codeS3Bucket"),
        Fields.text(input.codeS3Key(), "codeS3Key"), Fields.text(input.executionName(), "executionName"));
    return new Output(published.previousVersion(), published.newVersion());
  }
}
