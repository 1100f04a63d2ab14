package dev.ferry.tasks.aws;

import dev.ferry.contract.ProgressItem;
import dev.ferry.tasks.Executions;
import dev.ferry.tasks.backup.TableBackups;
import dev.ferry.tasks.lambdaversion.FunctionVersions;
import dev.ferry.tasks.schema.DatabaseSecrets;
import dev.ferry.tasks.snapshot.DatabaseSnapshots;
import dev.ferry.tasks.writers.Writers;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The AWS adapters as the Lambda runtime builds them: SDK clients with the function's region and
 * role from the environment. Called once per handler instance, that is once per Lambda container.
 */
public final class AwsAdapters {

  private AwsAdapters() {}

  public static DatabaseSnapshots databaseSnapshots() {
    return new RdsDatabaseSnapshots(RdsClient.create());
  }

  public static TableBackups tableBackups() {
    return new DynamoDbTableBackups(DynamoDbClient.create());
  }

  public static Writers writers() {
    return new AwsWriters(LambdaClient.create(), EcsClient.create());
  }

  public static DatabaseSecrets databaseSecrets() {
    return new SecretsManagerDatabaseSecrets(SecretsManagerClient.create());
  }

  public static FunctionVersions functionVersions() {
    return new LambdaFunctionVersions(LambdaClient.create());
  }

  public static Executions executions() {
    return new StepFunctionsExecutions(SfnClient.create());
  }

  public static DynamoDbClient dynamoDb() {
    return DynamoDbClient.create();
  }

  /** The progress table's name: {@code FERRY_PROGRESS_TABLE}, else the contract's default. */
  public static String progressTable() {
    String name = System.getenv("FERRY_PROGRESS_TABLE");
    return name == null || name.isBlank() ? ProgressItem.DEFAULT_TABLE : name;
  }
}
