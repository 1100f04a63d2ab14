package dev.ferry.deploy.aws;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * A role IAM has just created is not yet assumable by Lambda or Step Functions for some seconds.
 * Calls that hand such a role to a service are retried while the service says it cannot assume
 * it; with an established role they run once.
 */
final class RoleReadiness {

  private final boolean roleIsNew;
  private final Duration pause;
  private final int attempts;

  RoleReadiness(boolean roleIsNew, Duration pause, int attempts) {
    this.roleIsNew = roleIsNew;
    this.pause = pause;
    this.attempts = attempts;
  }

  static RoleReadiness afterCreate(boolean created) {
    return new RoleReadiness(created, Duration.ofSeconds(3), 10);
  }

  <T> T whileRoleIsNew(Supplier<T> call) {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (AwsServiceException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        boolean notAssumable = message.contains("assume") && message.contains("role");
        if (!roleIsNew || !notAssumable || attempt >= attempts) {
          throw e;
        }
        sleep();
      }
    }
  }

  private void sleep() {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a new IAM role", e);
    }
  }
}
