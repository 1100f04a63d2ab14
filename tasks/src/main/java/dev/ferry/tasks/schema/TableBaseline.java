package dev.ferry.tasks.schema;

import java.util.List;

/**
 * A table's row count and checksum before the migration. The checksum covers only {@code columns},
 * the columns the table had then, so an additive migration (a new column) keeps it comparable.
 */
public record TableBaseline(long rows, String checksum, List<String> columns) {
  public TableBaseline {
    columns = List.copyOf(columns);
  }
}
