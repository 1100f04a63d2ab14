package dev.ferry.deploy;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An EventBridge Scheduler schedule that starts the migration: when (cron, rate or at
 * expression, in a time zone), with which input, how failed deliveries are retried and where they
 * go when retries run out.
 */
public record ScheduleSpec(
    String expression,
    String timeZone,
    InputDocument input,
    int maximumRetryAttempts,
    int maximumEventAgeSeconds,
    Optional<String> deadLetterQueueArn) {

  private static final Pattern EXPRESSION = Pattern.compile("(cron|rate|at)\\(.+\\)");

  public ScheduleSpec {
    if (!EXPRESSION.matcher(expression).matches()) {
      throw FerryException.badInput(
          "schedule expression '" + expression + "' is not cron(...), rate(...) or at(...)",
          "write e.g. --schedule 'cron(0 3 ? * SUN *)' or --schedule 'rate(7 days)'");
    }
    try {
      java.time.ZoneId.of(timeZone);
    } catch (java.time.DateTimeException e) {
      throw FerryException.badInput("schedule time zone '" + timeZone + "' is not a known zone id",
          "use an IANA zone such as UTC or Europe/Paris");
    }
    if (maximumRetryAttempts < 0 || maximumRetryAttempts > 185) {
      throw FerryException.badInput("schedule retry attempts " + maximumRetryAttempts + " is outside 0..185",
          "pass --schedule-retries between 0 and 185");
    }
    if (maximumEventAgeSeconds < 60 || maximumEventAgeSeconds > 86400) {
      throw FerryException.badInput("schedule event age " + maximumEventAgeSeconds + "s is outside 60..86400",
          "pass --schedule-max-age between 60 and 86400 seconds");
    }
    deadLetterQueueArn.ifPresent(arn -> {
      if (!arn.startsWith("arn:") || !arn.contains(":sqs:")) {
        throw FerryException.badInput("dead-letter queue '" + arn + "' is not an SQS queue ARN",
            "pass the queue's ARN, arn:aws:sqs:<region>:<account>:<name>");
      }
    });
    input = input.withTrigger("schedule");
  }

  /** The input the schedule delivers: the Ferry input document marked as scheduled. */
  public String inputJson() {
    return input.canonicalJson();
  }
}
