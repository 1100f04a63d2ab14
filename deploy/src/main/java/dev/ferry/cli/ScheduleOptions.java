package dev.ferry.cli;

import dev.ferry.deploy.FerryException;
import dev.ferry.deploy.InputDocument;
import dev.ferry.deploy.ParameterValues;
import dev.ferry.deploy.ScheduleSpec;
import dev.ferry.dsl.Parameter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** An optional EventBridge Scheduler schedule for deploy and export. */
public final class ScheduleOptions {

  @Option(names = "--schedule", paramLabel = "EXPR", description = "cron(...), rate(...) or at(...) expression")
  String expression;

  @Option(names = "--schedule-time-zone", paramLabel = "ZONE", defaultValue = "UTC", description = "IANA time zone (default: ${DEFAULT-VALUE})")
  String timeZone;

  @Option(names = "--schedule-target", paramLabel = "TARGET", description = "target the scheduled runs migrate")
  String target;

  @Option(names = "--schedule-requested-by", paramLabel = "NAME", defaultValue = "ferry-schedule", description = "requestedBy of scheduled runs")
  String requestedBy;

  @Option(names = "--schedule-param", paramLabel = "NAME=VALUE", description = "a parameter of scheduled runs")
  List<String> parameters = List.of();

  @Option(names = "--schedule-retries", paramLabel = "N", defaultValue = "2", description = "delivery retries (0-185, default ${DEFAULT-VALUE})")
  int retries;

  @Option(names = "--schedule-max-age", paramLabel = "SECONDS", defaultValue = "3600", description = "seconds to keep retrying (60-86400)")
  int maxAgeSeconds;

  @Option(names = "--dead-letter-queue", paramLabel = "SQS_ARN", description = "queue for runs that could not be started")
  String deadLetterQueue;

  /** The schedule, its parameters read as {@code machine} declares them (untyped for an ASL file). */
  Optional<ScheduleSpec> spec(String migration, Optional<List<Parameter<?>>> declared) {
    if (expression == null) {
      if (target != null) {
        throw FerryException.badInput("--schedule-target was given without --schedule",
            "add --schedule 'cron(...)' or drop --schedule-target");
      }
      return Optional.empty();
    }
    if (target == null) {
      throw FerryException.badInput("--schedule needs --schedule-target: which target the scheduled runs migrate",
          "add --schedule-target orders-db");
    }
    InputDocument input = new InputDocument(target, requestedBy, "schedule", declared
        .map(d -> ParameterValues.parse(parameters, migration, d)).orElseGet(() -> InputDocument.parameters(parameters)));
    return Optional.of(new ScheduleSpec(expression, timeZone, input, retries, maxAgeSeconds,
        Optional.ofNullable(deadLetterQueue)));
  }
}
