package dev.ferry.dsl.tasks;

import dev.ferry.dsl.JsonType;
import dev.ferry.dsl.LambdaFunction;
import dev.ferry.dsl.Ref;
import dev.ferry.dsl.ResultField;
import dev.ferry.dsl.TaskInput;
import java.util.List;
import java.util.Map;

/**
 * {@code ferry-lambda-version-publish}: publishes new code as a version of a Lambda function and
 * moves the alias onto it. Raises {@code Ferry.FunctionNotFound}.
 */
public final class LambdaVersionPublish extends TaskCall<LambdaVersionPublish> {
  /** The version the alias pointed at before: pass it to ferry-lambda-alias-rollback. */
  public static final ResultField<String> PREVIOUS_VERSION = ResultField.string("previousVersion")
      .describedAs("the version the alias pointed at before: pass it to ferry-lambda-alias-rollback");

  /** The version published. */
  public static final ResultField<String> NEW_VERSION = ResultField.string("newVersion")
      .describedAs("the version published");

  /** The function: its name, inputs, results and errors. */
  public static final LambdaFunction FUNCTION = new LambdaFunction("ferry-lambda-version-publish",
      "Publishes new code as a version of a Lambda function and moves the alias onto it.",
      List.of(
          TaskInput.required("functionName", JsonType.STRING, "the function to update"),
          TaskInput.required("alias", JsonType.STRING, "the alias callers invoke"),
          TaskInput.required("codeS3Bucket", JsonType.STRING, "the bucket of the new code"),
          TaskInput.required("codeS3Key", JsonType.STRING, "the key of the new code's zip"),
          TaskInput.executionName()),
      List.of(PREVIOUS_VERSION, NEW_VERSION),
      List.of("Ferry.FunctionNotFound"),
      true);

  LambdaVersionPublish(Map<String, Object> values) {
    super(values);
  }

  @Override
  public LambdaFunction function() {
    return FUNCTION;
  }

  @Override
  LambdaVersionPublish with(Map<String, Object> values) {
    return new LambdaVersionPublish(values);
  }

  /** The function to update (required). */
  public LambdaVersionPublish functionName(String value) {
    return set("functionName", value);
  }

  /** {@link #functionName(String)}, read at run time. */
  public LambdaVersionPublish functionName(Ref value) {
    return set("functionName", value);
  }

  /** The alias callers invoke (required). */
  public LambdaVersionPublish alias(String value) {
    return set("alias", value);
  }

  /** {@link #alias(String)}, read at run time. */
  public LambdaVersionPublish alias(Ref value) {
    return set("alias", value);
  }

  /** The bucket of the new code (required). */
  public LambdaVersionPublish codeS3Bucket(String value) {
    return set("codeS3Bucket", value);
  }

  /** {@link #codeS3Bucket(String)}, read at run time. */
  public LambdaVersionPublish codeS3Bucket(Ref value) {
    return set("codeS3Bucket", value);
  }

  /** The key of the new code's zip (required). */
  public LambdaVersionPublish codeS3Key(String value) {
    return set("codeS3Key", value);
  }

  /** {@link #codeS3Key(String)}, read at run time. */
  public LambdaVersionPublish codeS3Key(Ref value) {
    return set("codeS3Key", value);
  }
}
