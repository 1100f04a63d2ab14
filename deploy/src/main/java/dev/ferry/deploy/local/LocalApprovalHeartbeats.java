package dev.ferry.deploy.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ferry.contract.ApprovalHeartbeat;
import dev.ferry.engine.LocalEngine;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * What the deploy's schedule does on AWS, for the local target: while a run of this process waits
 * at an approval, {@code ferry-approval-heartbeat} runs every {@link ApprovalHeartbeat#SWEEP_INTERVAL}
 * of engine time (virtual or real, as the engine's clock is). It stops once none of the approvals on
 * record is waiting in this process, and starts again at the next approval request.
 */
final class LocalApprovalHeartbeats {

  private final LocalEngine engine;
  private final Function<JsonNode, JsonNode> sweep;
  private final AtomicBoolean sweeping = new AtomicBoolean();

  /** @param sweep the local handler of {@code ferry-approval-heartbeat} */
  LocalApprovalHeartbeats(LocalEngine engine, Function<JsonNode, JsonNode> sweep) {
    this.engine = engine;
    this.sweep = sweep;
  }

  /** A run of this process now waits at an approval. */
  void waiting() {
    if (sweeping.compareAndSet(false, true)) {
      engine.schedule(ApprovalHeartbeat.SWEEP_INTERVAL, this::sweep);
    }
  }

  private void sweep() {
    JsonNode out = sweep.apply(JsonNodeFactory.instance.objectNode());
    if (out.path("heartbeaten").isEmpty()) {
      sweeping.set(false);
    } else {
      engine.schedule(ApprovalHeartbeat.SWEEP_INTERVAL, this::sweep);
    }
  }
}
