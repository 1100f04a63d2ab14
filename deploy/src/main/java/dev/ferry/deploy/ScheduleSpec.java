package dev.ferry.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.dsl.Parameter;
import dev.ferry.dsl.ParameterType;
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

  /**
   * Refuses a schedule whose runs would fail on their input: a required parameter of the machine
   * missing, a parameter of the wrong JSON type, or one the migration does not declare. A machine
   * read from an ASL file carries no declarations and is not checked.
   */
  public void requireParametersOf(CompiledMachine machine) {
    if (!machine.declaresParameters()) {
      return;
    }
    JsonNode given = input.parameters();
    for (Parameter<?> p : machine.parameters()) {
      JsonNode value = given.get(p.name());
      if (value == null || value.isNull()) {
        if (p.required()) {
          throw FerryException.badInput("the schedule's input lacks the required parameter '" + p.name() + "' of "
                  + machine.migration() + (p.description().isEmpty() ? "" : " (" + p.description() + ")")
                  + ": every scheduled run would fail with Ferry.InvalidInput",
              "add --schedule-param " + p.name() + "=<" + p.type().words() + ">");
        }
      } else if (!matches(p.type(), value)) {
        throw FerryException.badInput("the schedule's parameter '" + p.name() + "' is " + kind(value) + ", but "
                + machine.migration() + " declares it a " + p.type().words(),
            "pass --schedule-param " + p.name() + "=<" + p.type().words() + "> (JSON values keep their type)");
      }
    }
    given.fieldNames().forEachRemaining(name -> {
      if (machine.parameter(name).isEmpty()) {
        throw FerryException.badInput("the schedule's parameter '" + name + "' is not declared by " + machine.migration()
                + "; it declares " + String.join(", ", machine.parameters().stream().map(Parameter::name).toList()),
            "check the spelling, or drop --schedule-param " + name);
      }
    });
  }

  private static boolean matches(ParameterType type, JsonNode value) {
    return switch (type) {
      case STRING -> value.isTextual();
      case NUMBER -> value.isNumber();
      case BOOLEAN -> value.isBoolean();
      case STRING_LIST -> value.isArray() && all(value, JsonNode::isTextual);
      case OBJECT_LIST -> value.isArray() && all(value, JsonNode::isObject);
      case OBJECT -> value.isObject();
    };
  }

  private static boolean all(JsonNode array, java.util.function.Predicate<JsonNode> test) {
    for (JsonNode item : array) {
      if (!test.test(item)) {
        return false;
      }
    }
    return true;
  }

  private static String kind(JsonNode value) {
    return switch (value.getNodeType()) {
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "a list";
      case OBJECT -> "a JSON object";
      default -> "null";
    };
  }

  /** The input the schedule delivers: the Ferry input document marked as scheduled. */
  public String inputJson() {
    return input.canonicalJson();
  }
}
