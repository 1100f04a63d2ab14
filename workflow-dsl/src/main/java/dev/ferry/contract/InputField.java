package dev.ferry.contract;

/** The fields of the Ferry input document every execution starts with, after normalisation. */
public final class InputField {
  public static final String TARGET = "target";
  public static final String REQUESTED_BY = "requestedBy";
  public static final String TRIGGER = "trigger";
  public static final String PARAMETERS = "parameters";

  /** Who asked for a run when the input does not say. */
  public static final String DEFAULT_REQUESTED_BY = "unknown";
  /** The trigger of an input that names none. */
  public static final Trigger DEFAULT_TRIGGER = Trigger.API;
  /** The trigger of an EventBridge event whose detail names none. */
  public static final Trigger EVENT_TRIGGER = Trigger.EVENT;

  private InputField() {}
}
