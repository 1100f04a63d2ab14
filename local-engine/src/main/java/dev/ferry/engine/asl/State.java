package dev.ferry.engine.asl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.engine.data.Template;
import java.util.List;

/** The states of the Amazon States Language, ready to run. */
public sealed interface State {
  Common common();

  default String name() {
    return common().name();
  }

  record Pass(Common common, JsonNode result) implements State {}

  record Task(Common common, String resource, Value timeoutSeconds, Value heartbeatSeconds) implements State {}

  record Choice(Common common, List<Branch> choices, String defaultState) implements State {
    /** One entry of {@code Choices}: rule, target and (JSONata or variables) Output and Assign. */
    public record Branch(ChoiceRule rule, String next, Template output, Template assign) {}
  }

  record Wait(Common common, Value seconds, Value timestamp) implements State {}

  record Succeed(Common common) implements State {}

  record Fail(Common common, Value error, Value cause) implements State {}

  record Parallel(Common common, List<StateMachine> branches) implements State {}

  record MapState(
      Common common,
      StateMachine processor,
      Template itemsPath,
      Template items,
      Template itemSelector,
      Value maxConcurrency,
      Value toleratedFailureCount,
      Value toleratedFailurePercentage)
      implements State {}
}
