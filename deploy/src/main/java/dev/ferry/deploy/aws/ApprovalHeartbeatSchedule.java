package dev.ferry.deploy.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contract.ApprovalHeartbeat;
import dev.ferry.deploy.DeployReport.Action;
import dev.ferry.deploy.DeployReport.Change;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.Target;

/**
 * The schedule that runs {@code ferry-approval-heartbeat} every {@link
 * ApprovalHeartbeat#SWEEP_INTERVAL}, so every approval on record is heartbeaten (contract: "Lambda
 * tasks"). One per account and region, shared by every migration with an approval, like the task
 * functions; its role may invoke that one function. A missed sweep is not retried: the next one
 * comes before any heartbeat runs out.
 */
final class ApprovalHeartbeatSchedule {

  static final String NAME = ApprovalHeartbeat.FUNCTION;
  static final String ROLE = "ferry-approval-heartbeat-scheduler";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SchedulerClient scheduler;
  private final Roles roles;

  ApprovalHeartbeatSchedule(SchedulerClient scheduler, Roles roles) {
    this.scheduler = scheduler;
    this.roles = roles;
  }

  List<Change> ensure(String functionArn) {
    Roles.Ensured role = roles.ensure(ROLE, "scheduler.amazonaws.com",
        "Runs " + ApprovalHeartbeat.FUNCTION + " every " + ApprovalHeartbeat.SWEEP_INTERVAL.toMinutes() + " minutes",
        ROLE, policy(functionArn));
    List<Change> changes = new ArrayList<>(role.changes());
    Target target = Target.builder().arn(functionArn).roleArn(role.arn()).input("{}")
        .retryPolicy(r -> r.maximumRetryAttempts(0).maximumEventAgeInSeconds(60)).build();
    RoleReadiness readiness = RoleReadiness.afterCreate(role.created());
    String description = "Heartbeats every Ferry approval pending on the progress table";
    GetScheduleResponse current;
    try {
      current = scheduler.getSchedule(r -> r.name(NAME));
    } catch (ResourceNotFoundException e) {
      readiness.whileRoleIsNew(() -> scheduler.createSchedule(r -> r.name(NAME)
          .scheduleExpression(ApprovalHeartbeat.SCHEDULE_EXPRESSION)
          .flexibleTimeWindow(f -> f.mode(FlexibleTimeWindowMode.OFF))
          .state(ScheduleState.ENABLED).target(target).description(description)));
      changes.add(new Change("schedule", NAME, Action.CREATED, ApprovalHeartbeat.SCHEDULE_EXPRESSION));
      return changes;
    }
    Target t = current.target();
    boolean same = ApprovalHeartbeat.SCHEDULE_EXPRESSION.equals(current.scheduleExpression())
        && current.state() == ScheduleState.ENABLED && t != null
        && target.arn().equals(t.arn()) && target.roleArn().equals(t.roleArn());
    if (!same) {
      readiness.whileRoleIsNew(() -> scheduler.updateSchedule(r -> r.name(NAME)
          .scheduleExpression(ApprovalHeartbeat.SCHEDULE_EXPRESSION)
          .flexibleTimeWindow(f -> f.mode(FlexibleTimeWindowMode.OFF))
          .state(ScheduleState.ENABLED).target(target).description(description)));
    }
    changes.add(new Change("schedule", NAME, same ? Action.UNCHANGED : Action.UPDATED, ApprovalHeartbeat.SCHEDULE_EXPRESSION));
    return changes;
  }

  static String policy(String functionArn) {
    ObjectNode doc = JSON.createObjectNode().put("Version", "2012-10-17");
    doc.putArray("Statement").addObject().put("Sid", "InvokeHeartbeat").put("Effect", "Allow")
        .put("Action", "lambda:InvokeFunction").put("Resource", functionArn);
    return doc.toString();
  }
}
