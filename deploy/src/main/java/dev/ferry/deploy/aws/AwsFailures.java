package dev.ferry.deploy.aws;

import dev.ferry.deploy.FerryException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * The one place a failed AWS call becomes an operator's message: the service, the operation, the
 * HTTP status, AWS's error code and message when it sent them (else what it did send), the
 * request id, and what to do next. Installed on every client {@link AwsClients} builds, it
 * remembers which operation each exception came from, which the SDK's exceptions do not carry.
 */
public final class AwsFailures implements ExecutionInterceptor {

  /** The call an exception came from. */
  public record Call(String service, String operation) {}

  private static final Map<Throwable, Call> CALLS = Collections.synchronizedMap(new WeakHashMap<>());
  private static final int BODY_EXCERPT = 160;

  @Override
  public Throwable modifyException(Context.FailedExecution context, ExecutionAttributes attributes) {
    CALLS.put(context.exception(), new Call(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
        attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)));
    return context.exception();
  }

  /** The call {@code e} came from, when a client with this interceptor threw it. */
  public static Optional<Call> callOf(Throwable e) {
    return Optional.ofNullable(CALLS.get(e));
  }

  /** The operator's message for a failed call, as a {@link FerryException} (exit code {@link FerryException#TARGET}). */
  public static FerryException explain(SdkException e) {
    return switch (e) {
      case AwsServiceException refused -> refused(refused);
      case SdkClientException unreachable -> unreachable(unreachable);
      default -> new FerryException(what(e) + " failed: " + e.getMessage(),
          "check --endpoint, --region and the credentials", FerryException.TARGET, e);
    };
  }

  private static String what(Throwable e) {
    return callOf(e).map(c -> c.service() + " " + c.operation()).orElse("an AWS call");
  }

  private static FerryException refused(AwsServiceException e) {
    AwsErrorDetails details = e.awsErrorDetails();
    StringBuilder message = new StringBuilder(what(e)).append(" failed: HTTP ").append(e.statusCode());
    String code = details == null ? null : details.errorCode();
    String text = details == null ? null : details.errorMessage();
    if (code != null && !code.isBlank()) {
      message.append(' ').append(code);
    }
    if (text != null && !text.isBlank()) {
      message.append(": ").append(text);
    }
    if ((code == null || code.isBlank()) && (text == null || text.isBlank())) {
      message.append(", with no AWS error code or message").append(bodyExcerpt(details));
    }
    if (e.requestId() != null && !e.requestId().isBlank()) {
      message.append(" (request id ").append(e.requestId()).append(')');
    }
    return new FerryException(message.toString(), hint(e, code), FerryException.TARGET, e);
  }

  private static String hint(AwsServiceException e, String code) {
    String c = code == null ? "" : code.toLowerCase(Locale.ROOT);
    Optional<Call> call = callOf(e);
    String action = call.map(AwsFailures::iamAction).orElse("the action");
    if (c.contains("accessdenied") || c.contains("unauthorized") || e.statusCode() == 403) {
      return "the credentials may not call " + action + ": grant it to the caller's role or user, or use a profile that has it";
    }
    if (c.contains("throttl") || c.contains("toomanyrequests") || e.statusCode() == 429) {
      return "AWS is throttling " + action + "; run the command again in a minute";
    }
    if (c.contains("expiredtoken") || c.contains("invalidclienttokenid") || c.contains("signaturedoesnotmatch")) {
      return "the credentials are expired or wrong; refresh them (aws sso login, or new keys) and run again";
    }
    if (code == null || code.isBlank() || e.statusCode() >= 500) {
      return "the endpoint answered " + action + " without an AWS error; if --endpoint points at an emulator, "
          + "it may not implement this operation; otherwise retry, AWS reported a server error";
    }
    return "check --region, the resource names and the credentials' permissions for " + action;
  }

  private static String iamAction(Call call) {
    String prefix = switch (call.service()) {
      case "Sfn" -> "states";
      case "DynamoDb" -> "dynamodb";
      default -> call.service().toLowerCase(Locale.ROOT);
    };
    return prefix + ":" + call.operation();
  }

  private static String bodyExcerpt(AwsErrorDetails details) {
    if (details == null || details.rawResponse() == null) {
      return "";
    }
    String body = new String(details.rawResponse().asByteArray(), StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
    if (body.isEmpty()) {
      return " (empty body)";
    }
    return " (body: " + (body.length() > BODY_EXCERPT ? body.substring(0, BODY_EXCERPT) + "..." : body) + ")";
  }

  private static FerryException unreachable(SdkClientException e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("Unable to load credentials")) {
      return new FerryException("no AWS credentials found by the default chain",
          "set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (emulators accept any values)",
          FerryException.USAGE, e);
    }
    if (message.contains("Unable to load region") || message.contains("region must")) {
      return new FerryException("no AWS region is configured",
          "pass --region, or set AWS_REGION or a profile region", FerryException.USAGE, e);
    }
    return new FerryException(what(e) + " could not reach AWS: " + message,
        "check --endpoint, network access and credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID)", FerryException.TARGET, e);
  }
}
