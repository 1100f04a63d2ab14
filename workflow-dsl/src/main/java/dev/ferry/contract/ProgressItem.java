package dev.ferry.contract;

/**
 * The attributes of a target's {@code FerryProgress} item, which is also its lock (contract:
 * "Tables"). Keyed by {@link #TARGET}.
 */
public final class ProgressItem {
  /** The table's default name; a compile option may change it. */
  public static final String DEFAULT_TABLE = "FerryProgress";

  public static final String TARGET = "target";
  /** The execution holding the lock; absent when the target is free. */
  public static final String LOCK_HOLDER = "lockHolder";
  /** A {@link Status}. */
  public static final String STATUS = "status";
  public static final String MIGRATION = "migration";
  public static final String EXECUTION = "execution";
  public static final String CURRENT_STEP = "currentStep";
  public static final String STEP_INDEX = "stepIndex";
  public static final String STEP_COUNT = "stepCount";
  public static final String STARTED_AT = "startedAt";
  public static final String UPDATED_AT = "updatedAt";
  public static final String REQUESTED_BY = "requestedBy";
  public static final String TRIGGER = "trigger";
  /** The approval waiting for an answer: a map of {@link PendingApproval}'s fields. */
  public static final String PENDING_APPROVAL = "pendingApproval";

  /** The fields of {@link #PENDING_APPROVAL}. */
  public static final class PendingApproval {
    public static final String TOKEN = "token";
    public static final String STEP = "step";
    public static final String EXECUTION = "execution";
    public static final String REQUESTED_AT = "requestedAt";
    public static final String MESSAGE = "message";

    private PendingApproval() {}
  }

  /** The condition that takes or keeps the lock: free, or already held by this execution. */
  public static final String LOCK_FREE_OR_MINE = "attribute_not_exists(#lockHolder) OR #lockHolder = :self";
  /** The condition of every later progress write: this execution still holds the lock. */
  public static final String LOCK_MINE = "#lockHolder = :self";

  private ProgressItem() {}
}
