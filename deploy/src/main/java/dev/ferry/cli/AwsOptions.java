package dev.ferry.cli;

import dev.ferry.deploy.FerryException;
import dev.ferry.deploy.TableNames;
import dev.ferry.deploy.aws.AwsSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;
import software.amazon.awssdk.regions.Region;

/**
 * Where the AWS target is: region and endpoint override on top of the SDK's default credential
 * and region chains, and the table names the machine was compiled with.
 */
public final class AwsOptions {

  @Option(names = "--region", paramLabel = "REGION", description = "AWS region (default: the SDK region chain, e.g. AWS_REGION)")
  String region;

  @Option(names = "--endpoint", paramLabel = "URL",
      description = "send every AWS call to this URL (LocalStack, a proxy)")
  String endpoint;

  @Option(names = "--progress-table", paramLabel = "TABLE", defaultValue = "FerryProgress", description = "progress table (default: ${DEFAULT-VALUE})")
  String progressTable;

  @Option(names = "--audit-table", paramLabel = "TABLE", defaultValue = "FerryAudit", description = "audit table (default: ${DEFAULT-VALUE})")
  String auditTable;

  public AwsSettings settings() {
    return new AwsSettings(
        Optional.ofNullable(region).map(Region::of),
        Optional.ofNullable(endpoint).map(AwsOptions::uri),
        Optional.empty(),
        List.of());
  }

  public TableNames tables() {
    return new TableNames(progressTable, auditTable);
  }

  private static URI uri(String text) {
    try {
      URI uri = new URI(text);
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new URISyntaxException(text, "needs a scheme and a host");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw FerryException.badInput("--endpoint '" + text + "' is not a URL: " + e.getReason(),
          "write it as http://localhost:4566");
    }
  }
}
