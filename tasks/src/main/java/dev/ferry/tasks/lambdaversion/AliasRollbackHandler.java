package dev.ferry.tasks.lambdaversion;

import com.amazonaws.services.lambda.runtime.Context;
import dev.ferry.tasks.FerryHandler;
import dev.ferry.tasks.aws.AwsAdapters;
import dev.ferry.tasks.Fields;

/** {@code ferry-lambda-alias-rollback}: points the alias back at the version it had before the publish. */
public final class AliasRollbackHandler
    extends FerryHandler<AliasRollbackHandler.Input, AliasRollbackHandler.Output> {

  public record Input(String functionName, String alias, String previousVersion) {}

  public record Output(String version) {}

  private final FunctionVersions versions;

  /** On AWS: the adapters over the SDK clients (the Lambda runtime calls this). */
  public AliasRollbackHandler() {
    this(AwsAdapters.functionVersions());
  }

  public AliasRollbackHandler(FunctionVersions versions) {
    this.versions = versions;
  }

  @Override
  public Output handleRequest(Input input, Context context) {
    String version = Fields.text(input.previousVersion(), "previousVersion");
    versions.pointAlias(Fields.text(input.functionName(), "functionName"), Fields.text(input.alias(), "alias"), version);
    return new Output(version);
  }
}
