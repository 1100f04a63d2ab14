package dev.ferry.deploy.local;

import dev.ferry.deploy.FerryException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A second {@code ferry} process in {@link TwoProcessesTest}: {@code StatusReader <folder> <target>
 * <stop file>} opens the local target, reads the target's status and audit trail and closes it,
 * again and again until the stop file appears, then prints how many reads it made and how many of
 * them saw the run going.
 */
public final class StatusReader {

  private StatusReader() {}

  public static void main(String[] args) throws Exception {
    Path folder = Path.of(args[0]);
    String target = args[1];
    Path stop = Path.of(args[2]);
    int reads = 0;
    int live = 0;
    while (!Files.exists(stop)) {
      try (LocalTarget local = LocalTarget.open(LocalSettings.in(folder))) {
        try {
          if ("RUNNING".equals(local.status(target).progress().status())) {
            live++;
          }
          local.audit(target, java.util.Optional.empty());
          reads++;
        } catch (FerryException noRunYet) {
          // the target has no progress row until the run takes the lock
        }
      }
    }
    System.out.println("reads=" + reads + " live=" + live);
    System.exit(0);
  }
}
