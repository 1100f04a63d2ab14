package dev.ferry.deploy.aws;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;

/**
 * How to reach AWS. Empty fields fall back to the SDK's default credential and region chains;
 * {@code endpoint} points every client at one URL (LocalStack, a stub).
 */
public record AwsSettings(
    Optional<Region> region,
    Optional<URI> endpoint,
    Optional<AwsCredentialsProvider> credentials,
    List<ExecutionInterceptor> interceptors) {

  public static final AwsSettings DEFAULT =
      new AwsSettings(Optional.empty(), Optional.empty(), Optional.empty(), List.of());

  public AwsSettings {
    interceptors = List.copyOf(interceptors);
  }
}
