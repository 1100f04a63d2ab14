package dev.ferry.deploy.aws;

import dev.ferry.contract.ApprovalHeartbeat;
import dev.ferry.contract.ErrorName;
import dev.ferry.contract.Phase;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.deploy.ArnContext;
import dev.ferry.deploy.AuditRow;
import dev.ferry.deploy.CompiledMachine;
import dev.ferry.deploy.DeployReport;
import dev.ferry.deploy.DeployReport.Change;
import dev.ferry.deploy.DeployRequest;
import dev.ferry.deploy.ExecutionEndedRule;
import dev.ferry.deploy.ExecutionInfo;
import dev.ferry.deploy.FerryException;
import dev.ferry.deploy.FunctionSpec;
import dev.ferry.deploy.HistoryEvent;
import dev.ferry.deploy.MigrationTarget;
import dev.ferry.deploy.MigrationPermissions;
import dev.ferry.deploy.Progress;
import dev.ferry.deploy.ProgressStore;
import dev.ferry.deploy.RunStatus;
import dev.ferry.deploy.ScheduleSpec;
import dev.ferry.deploy.StartRequest;
import dev.ferry.deploy.StartedExecution;
import dev.ferry.deploy.TableNames;
import dev.ferry.deploy.TaskFunctions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionNotRedrivableException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/** Runs migrations on AWS Step Functions, with DynamoDB, Lambda, IAM and EventBridge Scheduler. */
public final class AwsTarget implements MigrationTarget {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final AwsClients aws;
  private final TableNames tables;
  private ProgressStore store;
  private ArnContext arns;

  /** The target owns {@code aws} from here on and closes it with {@link #close()}. */
  public AwsTarget(AwsClients aws, TableNames tables) {
    this.aws = aws;
    this.tables = tables;
  }

  private synchronized ProgressStore store() {
    if (store == null) {
      store = new ProgressStore(aws.dynamoDb(), tables);
    }
    return store;
  }

  /** Partition and region of the configured clients, account of the caller (one STS call). */
  public synchronized ArnContext arns() {
    if (arns == null) {
      Region region = aws.sfn().serviceClientConfiguration().region();
      String account = aws.sts().getCallerIdentity().account();
      arns = new ArnContext(PartitionMetadata.of(region).id(), region.id(), account);
    }
    return arns;
  }

  /** The caller's ARN. */
  @Override
  public String caller() {
    return aws.sts().getCallerIdentity().arn();
  }

  /**
   * The task functions are shared by every migration deployed in the account and region, so they
   * run as one role, {@value #TASKS_ROLE}. Each migration's deploy writes only its own managed policy
   * on it ({@code ferry-tasks-<migration>}): the role allows the union of what the deployed
   * migrations need, and deploying one migration never narrows or changes another's grants.
   */
  public static final String TASKS_ROLE = "ferry-tasks";

  @Override
  public DeployReport ensureInfrastructure(DeployRequest request) {
    CompiledMachine machine = request.machine();
    // Every machine's runs that end where it cannot record them go to ferry-execution-ended.
    List<FunctionSpec> functions = TaskFunctions.withExecutionEnded(request.functions());
    Path jar = request.tasksJar().orElseThrow(() -> FerryException.badInput(
        "no tasks jar: the deploy puts up " + ExecutionEndedRule.FUNCTION + ", which records runs of "
            + machine.migration() + " that end where the machine cannot",
        "build it with ./build package, or pass --tasks-jar JAR"));
    ArnContext arn = arns();
    Roles roles = new Roles(aws.iam());
    List<Change> changes = new ArrayList<>();
    MigrationPermissions permissions = MigrationPermissions.derive(machine, functions, tables, arn);

    Tables tableMaker = new Tables(aws.dynamoDb());
    changes.addAll(tableMaker.ensure(tables.progress(), Optional.empty(), false));
    changes.addAll(tableMaker.ensure(tables.audit(), Optional.of("entry"), true));

    Roles.Ensured taskRole = roles.ensureRole(TASKS_ROLE, "lambda.amazonaws.com",
        "Runs the Ferry task functions; each deployed migration attaches its own policy");
    changes.addAll(taskRole.changes());
    changes.addAll(roles.ensureAttached(TASKS_ROLE, tasksPolicyArn(arn, machine), tasksPolicyName(machine),
        "What the Ferry task functions may do for the migration " + machine.migration(), permissions.tasks().documentJson()));
    changes.addAll(new Functions(aws.lambda(), RoleReadiness.afterCreate(taskRole.created()))
        .ensure(jar, functions, taskRole.arn()));
    if (functions.stream().anyMatch(f -> f.name().equals(ApprovalHeartbeat.FUNCTION))) {
      changes.addAll(new ApprovalHeartbeatSchedule(aws.scheduler(), roles).ensure(arn.lambdaFunction(ApprovalHeartbeat.FUNCTION)));
    }

    Roles.Ensured machineRole = roles.ensure(roleName(machine, "machine"), "states.amazonaws.com",
        "Runs the Ferry migration " + machine.migration(), "ferry-machine", permissions.machine().documentJson());
    changes.addAll(machineRole.changes());
    StateMachines.Ensured deployed = new StateMachines(aws.sfn(), RoleReadiness.afterCreate(machineRole.created()))
        .ensure(arn.stateMachine(machine.stateMachineName()), machine.stateMachineName(),
            machine.definitionJson(), machineRole.arn());
    changes.addAll(deployed.changes());
    changes.addAll(new EndedRunRule(aws.eventBridge(), aws.lambda()).ensure(ExecutionEndedRule.name(machine),
        deployed.stateMachineArn(), ExecutionEndedRule.functionArn(arn), ExecutionEndedRule.permissionId(machine),
        ExecutionEndedRule.targetInput(tables)));

    if (request.schedule().isPresent()) {
      ScheduleSpec schedule = request.schedule().get();
      Roles.Ensured schedulerRole = roles.ensure(roleName(machine, "scheduler"), "scheduler.amazonaws.com",
          "Starts the Ferry migration " + machine.migration() + " on its schedule", "ferry-scheduler",
          SchedulerPolicy.document(deployed.aliasArn(), schedule.deadLetterQueueArn()));
      changes.addAll(schedulerRole.changes());
      changes.add(new Schedules(aws.scheduler(), RoleReadiness.afterCreate(schedulerRole.created()))
          .ensure(scheduleName(machine, schedule.input().target()), schedule, deployed.aliasArn(), schedulerRole.arn()));
    }
    return new DeployReport(changes, permissions.wildcards(), Optional.of(deployed.aliasArn()));
  }

  public static String roleName(CompiledMachine machine, String purpose) {
    return "ferry-" + machine.migration() + "-" + purpose;
  }

  public static String tasksPolicyName(CompiledMachine machine) {
    return "ferry-tasks-" + machine.migration();
  }

  public static String tasksPolicyArn(ArnContext arn, CompiledMachine machine) {
    return "arn:" + arn.partition() + ":iam::" + arn.account() + ":policy" + Roles.POLICY_PATH + tasksPolicyName(machine);
  }

  /** Scheduler names allow {@code [0-9a-zA-Z-_.]}, at most 64 characters. */
  public static String scheduleName(CompiledMachine machine, String target) {
    String name = ("ferry-" + machine.migration() + "-" + target).replaceAll("[^0-9A-Za-z._-]", "-");
    return name.length() <= 64 ? name : name.substring(0, 64);
  }

  @Override
  public StartedExecution start(StartRequest request) {
    String stateMachineName = CompiledMachine.stateMachineName(request.migration());
    String aliasArn = arns().stateMachine(stateMachineName) + ":" + StateMachines.ALIAS;
    String name = request.executionName();
    String executionArn = arns().execution(stateMachineName, name);
    // Step Functions answers a repeated StartExecution of a running execution with success, so
    // look first; ExecutionAlreadyExists still covers two requests racing past the look.
    Optional<ExecutionInfo> existing = describe(executionArn);
    if (existing.isPresent()) {
      return new StartedExecution(existing.get().id(), name, true);
    }
    try {
      String arn = aws.sfn().startExecution(r -> r.stateMachineArn(aliasArn).name(name)
          .input(request.input().canonicalJson())).executionArn();
      return new StartedExecution(arn, name, false);
    } catch (ExecutionAlreadyExistsException e) {
      return new StartedExecution(describe(executionArn).orElseThrow(() -> e).id(), name, true);
    } catch (StateMachineDoesNotExistException | ResourceNotFoundException e) {
      String answer = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
      if (machineExists(arns().stateMachine(stateMachineName))) {
        throw new FerryException("migration " + request.migration() + " is deployed, but Step Functions refused to start"
            + " its live alias " + aliasArn + ": " + answer,
            "run ferry deploy --migration " + request.migration() + " again to re-point the alias; an emulator that cannot"
                + " start executions on an alias (moto 5) cannot run ferry start",
            FerryException.TARGET, e);
      }
      throw new FerryException(
          "migration " + request.migration() + " is not deployed here (" + aliasArn + " not found: " + answer + ")",
          "run ferry deploy --migration " + request.migration() + " first, in the same region and account",
          FerryException.USAGE, e);
    }
  }

  private boolean machineExists(String stateMachineArn) {
    try {
      aws.sfn().describeStateMachine(r -> r.stateMachineArn(stateMachineArn));
      return true;
    } catch (StateMachineDoesNotExistException | ResourceNotFoundException gone) {
      return false;
    }
  }

  @Override
  public RunStatus status(String target) {
    Progress progress = store().requireProgress(target);
    return new RunStatus(progress, progress.execution().isEmpty() ? Optional.empty() : describe(progress.execution()));
  }

  @Override
  public List<AuditRow> audit(String target, Optional<String> executionName) {
    return store().audit(target, executionName);
  }

  @Override
  public List<HistoryEvent> history(String executionOrTarget) {
    String arn = executionArn(executionOrTarget);
    List<HistoryEvent> events = new ArrayList<>();
    try {
      aws.sfn().getExecutionHistoryPaginator(r -> r.executionArn(arn).includeExecutionData(false))
          .events().forEach(e -> events.add(new HistoryEvent(e.id(), e.timestamp(), e.typeAsString(), detail(e))));
    } catch (ExecutionDoesNotExistException e) {
      throw missingExecution(arn, e);
    }
    return events;
  }

  @Override
  public ExecutionInfo redrive(String executionOrTarget) {
    String arn = executionArn(executionOrTarget);
    try {
      aws.sfn().redriveExecution(r -> r.executionArn(arn));
    } catch (ExecutionNotRedrivableException e) {
      throw new FerryException("execution " + arn + " cannot be redriven: " + e.awsErrorDetails().errorMessage(),
          "only failed, timed-out or aborted Standard executions from the last 14 days can be redriven; start a new run instead",
          FerryException.USAGE, e);
    } catch (ExecutionDoesNotExistException e) {
      throw missingExecution(arn, e);
    }
    return describe(arn).orElseThrow();
  }

  @Override
  public ExecutionInfo stop(String executionOrTarget, String by, String reason) {
    String arn = executionArn(executionOrTarget);
    ExecutionInfo current = describe(arn).orElseThrow(() -> missingExecution(arn, null));
    if (current.isTerminal()) {
      throw FerryException.badInput("execution " + arn + " already ended " + current.status(),
          "see how with ferry status, or redrive it with ferry redrive " + arn);
    }
    try {
      aws.sfn().stopExecution(r -> r.executionArn(arn).error(ErrorName.STOPPED.errorName())
          .cause(MigrationTarget.stopCause(by, reason)));
    } catch (ExecutionDoesNotExistException e) {
      throw missingExecution(arn, e);
    }
    return describe(arn).orElseThrow();
  }

  @Override
  public String approve(String target, String by, String comment) {
    Progress.PendingApproval pending = store().pendingApproval(target);
    var output = JSON.createObjectNode().put("decision", Phase.APPROVED.name())
        .put("approvedBy", by).put("comment", comment);
    answer(target, pending, () -> aws.sfn().sendTaskSuccess(r -> r.taskToken(pending.token()).output(output.toString())));
    store().recordDecision(target, pending, Phase.APPROVED, by, comment, Instant.now());
    return pending.step();
  }

  @Override
  public String reject(String target, String by, String reason) {
    Progress.PendingApproval pending = store().pendingApproval(target);
    var cause = JSON.createObjectNode().put("decision", Phase.REJECTED.name())
        .put("step", pending.step()).put("rejectedBy", by).put("reason", reason);
    answer(target, pending, () -> aws.sfn().sendTaskFailure(r -> r.taskToken(pending.token())
        .error(ErrorName.REJECTED.errorName()).cause(cause.toString())));
    store().recordDecision(target, pending, Phase.REJECTED, by, reason, Instant.now());
    return pending.step();
  }

  private void answer(String target, Progress.PendingApproval pending, Runnable send) {
    try {
      send.run();
    } catch (TaskTimedOutException | TaskDoesNotExistException | InvalidTokenException e) {
      store().clearApproval(target, pending.token());
      throw new FerryException(
          "the approval of step " + pending.step() + " on '" + target + "' is no longer waiting (" + e.awsErrorDetails().errorCode() + ")",
          "run ferry status " + target + " to see how the run ended", FerryException.USAGE, e);
    }
  }

  @Override
  public ProgressStore.Unlocked unlock(String target, String by, String reason) {
    return store().unlock(target, by, reason,
        execution -> describe(execution).map(e -> !e.isTerminal()).orElse(false), Instant.now());
  }

  private String executionArn(String executionOrTarget) {
    if (executionOrTarget.startsWith("arn:")) {
      return executionOrTarget;
    }
    String execution = store().requireProgress(executionOrTarget).execution();
    if (execution.isEmpty()) {
      throw FerryException.badInput("target '" + executionOrTarget + "' has no execution recorded",
          "pass the execution ARN instead");
    }
    return execution;
  }

  private Optional<ExecutionInfo> describe(String executionArn) {
    try {
      DescribeExecutionResponse d = aws.sfn().describeExecution(r -> r.executionArn(executionArn));
      return Optional.of(new ExecutionInfo(d.executionArn(), d.name(), d.statusAsString(), d.startDate(),
          Optional.ofNullable(d.stopDate()), Optional.ofNullable(d.error()), Optional.ofNullable(d.cause())));
    } catch (ExecutionDoesNotExistException e) {
      return Optional.empty();
    }
  }

  private static FerryException missingExecution(String arn, Exception e) {
    return new FerryException("execution " + arn + " does not exist in this region and account",
        "check --region, or list runs with ferry audit <target>", FerryException.USAGE, e);
  }

  /** The identifying fields of whichever {@code ...EventDetails} the event carries. */
  private static String detail(software.amazon.awssdk.services.sfn.model.HistoryEvent event) {
    StringJoiner out = new StringJoiner(" ");
    for (SdkField<?> field : event.sdkFields()) {
      if (field.getValueOrDefault(event) instanceof SdkPojo details) {
        for (SdkField<?> inner : details.sdkFields()) {
          String member = inner.memberName();
          if (List.of("name", "resource", "error", "cause").contains(member)) {
            Object value = inner.getValueOrDefault(details);
            if (value != null) {
              out.add(member + "=" + value);
            }
          }
        }
      }
    }
    return out.toString();
  }

  @Override
  public void close() {
    aws.close();
  }
}
