package dev.ferry.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.deploy.InputDocument;
import dev.ferry.deploy.StartRequest;
import java.time.Instant;
import java.util.Optional;

/** Runs of a one-step migration, approve-cutover, whose only step is its approval. */
public final class ApproveCutoverRuns {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ApproveCutoverRuns() {}

  /** Starts approve-cutover on {@code target}; the test deployed its machine first. */
  public static LocalRun start(LocalTarget local, String target) {
    return local.run(new StartRequest("approve-cutover", new InputDocument(target, "ops", "api", JSON.createObjectNode()),
        Optional.of("r1")));
  }

  /** Until the run on {@code target} waits at its approval. */
  public static void awaitPending(LocalTarget local, String target) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    while (local.store().progress(target).flatMap(p -> p.pendingApproval()).isEmpty()) {
      assertThat(Instant.now()).as("the run waits for approval").isBefore(deadline);
      Thread.sleep(20);
    }
  }
}
