package dev.ferry.deploy.aws;

import dev.ferry.deploy.Canonical;
import dev.ferry.deploy.DeployReport.Action;
import dev.ferry.deploy.DeployReport.Change;
import dev.ferry.deploy.ScheduleSpec;
import java.util.Objects;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.Target;

/** An EventBridge Scheduler schedule that starts the {@code live} alias with the Ferry input. */
final class Schedules {

  private final SchedulerClient scheduler;
  private final RoleReadiness readiness;

  Schedules(SchedulerClient scheduler, RoleReadiness readiness) {
    this.scheduler = scheduler;
    this.readiness = readiness;
  }

  static Target target(ScheduleSpec spec, String aliasArn, String roleArn) {
    Target.Builder target = Target.builder()
        .arn(aliasArn)
        .roleArn(roleArn)
        .input(spec.inputJson())
        .retryPolicy(r -> r.maximumRetryAttempts(spec.maximumRetryAttempts())
            .maximumEventAgeInSeconds(spec.maximumEventAgeSeconds()));
    spec.deadLetterQueueArn().ifPresent(dlq -> target.deadLetterConfig(d -> d.arn(dlq)));
    return target.build();
  }

  Change ensure(String name, ScheduleSpec spec, String aliasArn, String roleArn) {
    Target target = target(spec, aliasArn, roleArn);
    GetScheduleResponse current;
    try {
      current = scheduler.getSchedule(r -> r.name(name));
    } catch (ResourceNotFoundException e) {
      readiness.whileRoleIsNew(() -> scheduler.createSchedule(r -> r.name(name)
          .scheduleExpression(spec.expression()).scheduleExpressionTimezone(spec.timeZone())
          .flexibleTimeWindow(f -> f.mode(FlexibleTimeWindowMode.OFF))
          .state(ScheduleState.ENABLED).target(target)
          .description("Starts " + aliasArn + " for target " + spec.input().target())));
      return new Change("schedule", name, Action.CREATED, spec.expression() + " " + spec.timeZone());
    }
    if (matches(current, spec, target)) {
      return new Change("schedule", name, Action.UNCHANGED, spec.expression() + " " + spec.timeZone());
    }
    readiness.whileRoleIsNew(() -> scheduler.updateSchedule(r -> r.name(name)
        .scheduleExpression(spec.expression()).scheduleExpressionTimezone(spec.timeZone())
        .flexibleTimeWindow(f -> f.mode(FlexibleTimeWindowMode.OFF))
        .state(ScheduleState.ENABLED).target(target)
        .description("Starts " + aliasArn + " for target " + spec.input().target())));
    return new Change("schedule", name, Action.UPDATED, spec.expression() + " " + spec.timeZone());
  }

  private static boolean matches(GetScheduleResponse current, ScheduleSpec spec, Target wanted) {
    Target t = current.target();
    return spec.expression().equals(current.scheduleExpression())
        && spec.timeZone().equals(current.scheduleExpressionTimezone())
        && current.state() == ScheduleState.ENABLED
        && t != null
        && wanted.arn().equals(t.arn())
        && wanted.roleArn().equals(t.roleArn())
        && t.input() != null && Canonical.sameJson(wanted.input(), t.input())
        && Objects.equals(wanted.retryPolicy(), t.retryPolicy())
        && Objects.equals(wanted.deadLetterConfig(), t.deadLetterConfig());
  }
}
