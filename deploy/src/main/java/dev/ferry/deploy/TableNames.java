package dev.ferry.deploy;

/** The progress and audit table names a machine was compiled with (contract defaults). */
public record TableNames(String progress, String audit) {
  public static final TableNames DEFAULT = new TableNames("FerryProgress", "FerryAudit");
}
