package dev.ferry.dsl.tasks;

import dev.ferry.dsl.JsonType;
import dev.ferry.dsl.LambdaFunction;
import dev.ferry.dsl.Ref;
import dev.ferry.dsl.ResultField;
import dev.ferry.dsl.TaskInput;
import java.util.List;
import java.util.Map;

/**
 * {@code ferry-http-check}: gET url, then the JSON field (a dotted path) equals a value, or is a
 * version at least a minimum (2.0.10 >= 2.0.2). Raises {@code Ferry.VerificationFailed}.
 */
public final class HttpCheck extends TaskCall<HttpCheck> {
  /** True when the check passed. */
  public static final ResultField<Boolean> OK = ResultField.bool("ok")
      .describedAs("true when the check passed");

  /** The value the field held. */
  public static final ResultField<String> ACTUAL = ResultField.string("actual")
      .describedAs("the value the field held");

  /** The function: its name, inputs, results and errors. */
  public static final LambdaFunction FUNCTION = new LambdaFunction("ferry-http-check",
      "GET url, then the JSON field (a dotted path) equals a value, or is a version at least a minimum (2.0.10 >= 2.0.2).",
      List.of(
          TaskInput.required("url", JsonType.STRING, "the URL to GET"),
          TaskInput.required("field", JsonType.STRING, "the dotted path of the JSON field to check"),
          TaskInput.oneOf("expectation", "equals", JsonType.STRING, "the value the field must equal"),
          TaskInput.oneOf("expectation", "versionAtLeast", JsonType.STRING, "the lowest version the field may hold")),
      List.of(OK, ACTUAL),
      List.of("Ferry.VerificationFailed"),
      true);

  HttpCheck(Map<String, Object> values) {
    super(values);
  }

  @Override
  public LambdaFunction function() {
    return FUNCTION;
  }

  @Override
  HttpCheck with(Map<String, Object> values) {
    return new HttpCheck(values);
  }

  /** The URL to GET (required). */
  public HttpCheck url(String value) {
    return set("url", value);
  }

  /** {@link #url(String)}, read at run time. */
  public HttpCheck url(Ref value) {
    return set("url", value);
  }

  /** The dotted path of the JSON field to check (required). */
  public HttpCheck field(String value) {
    return set("field", value);
  }

  /** {@link #field(String)}, read at run time. */
  public HttpCheck field(Ref value) {
    return set("field", value);
  }

  /** The value the field must equal (exactly one of the expectation inputs). */
  public HttpCheck equals(String value) {
    return set("equals", value);
  }

  /** {@link #equals(String)}, read at run time. */
  public HttpCheck equals(Ref value) {
    return set("equals", value);
  }

  /** The lowest version the field may hold (exactly one of the expectation inputs). */
  public HttpCheck versionAtLeast(String value) {
    return set("versionAtLeast", value);
  }

  /** {@link #versionAtLeast(String)}, read at run time. */
  public HttpCheck versionAtLeast(Ref value) {
    return set("versionAtLeast", value);
  }
}
