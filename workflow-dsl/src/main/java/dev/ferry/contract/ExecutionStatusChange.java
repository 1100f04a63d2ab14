package dev.ferry.contract;

import java.util.List;

/**
 * The Step Functions "Execution Status Change" event that reports a run which ended where its
 * machine could not record it, as EventBridge delivers it to {@code ferry-execution-ended}. The
 * deploy's rule, the exported template's rule and the handler read the names from here.
 */
public final class ExecutionStatusChange {

  /** The event's {@code source}. */
  public static final String SOURCE = "aws.states";

  /** The event's {@code detail-type}. */
  public static final String DETAIL_TYPE = "Step Functions Execution Status Change";

  /**
   * The execution statuses ({@code detail.status}) a machine cannot record itself: stopped, timed
   * out, or failed where no Catch ran. A run that ends SUCCEEDED, or FAILED through its own
   * failure path, has already written its end.
   */
  public static final List<String> UNRECORDED_STATUSES = List.of("ABORTED", "TIMED_OUT", "FAILED");

  private ExecutionStatusChange() {}
}
