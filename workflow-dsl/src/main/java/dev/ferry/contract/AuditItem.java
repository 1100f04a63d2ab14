package dev.ferry.contract;

import java.util.Locale;

/**
 * The attributes of a {@code FerryAudit} row (contract: "Tables"): append-only, keyed by {@link
 * #TARGET} and {@link #ENTRY}, where the entry is {@code <execution name>#<NNN step
 * index>#<stepId>#<phase>}.
 */
public final class AuditItem {
  /** The table's default name; a compile option may change it. */
  public static final String DEFAULT_TABLE = "FerryAudit";

  public static final String TARGET = "target";
  public static final String ENTRY = "entry";
  public static final String EXECUTION = "execution";
  public static final String MIGRATION = "migration";
  public static final String STEP = "step";
  public static final String KIND = "kind";
  /** A {@link Phase}. */
  public static final String PHASE = "phase";
  public static final String AT = "at";
  public static final String REQUESTED_BY = "requestedBy";
  public static final String TRIGGER = "trigger";
  public static final String ERROR = "error";
  public static final String CAUSE = "cause";
  /** On compensation rows: the id of the compensating step. */
  public static final String COMPENSATION = "compensation";

  /** The step id and kind of the rows about the whole run. */
  public static final String RUN = "run";
  /** The step index of the rows about the whole run. */
  public static final int RUN_INDEX = 0;

  /** Every put is conditional on this: audit rows are never overwritten. */
  public static final String NEVER_OVERWRITE = "attribute_not_exists(#target)";

  private AuditItem() {}

  /** A step index as the entry writes it: three digits. */
  public static String index(int index) {
    return String.format(Locale.ROOT, "%03d", index);
  }

  /** The entry of a row: {@code <execution name>#<NNN>#<stepId>#<phase>}. */
  public static String entry(String executionName, int index, String stepId, Phase phase) {
    return executionName + "#" + index(index) + "#" + stepId + "#" + phase.name();
  }
}
