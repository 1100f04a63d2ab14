package dev.ferry.engine.asl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.engine.data.Intrinsic;
import dev.ferry.engine.data.JsonataExpr;
import java.util.List;

/** A Choice rule's boolean expression. */
public sealed interface ChoiceRule {
  record And(List<ChoiceRule> rules) implements ChoiceRule {}

  record Or(List<ChoiceRule> rules) implements ChoiceRule {}

  record Not(ChoiceRule rule) implements ChoiceRule {}

  /**
   * A comparison such as {@code StringEquals} or {@code IsPresent}: {@code variable} is read from the
   * input, context or variables; the operand is a literal or, for {@code ...Path} operators, a path.
   */
  record Comparison(Intrinsic.Arg variable, String operator, JsonNode literal, Intrinsic.Arg operandPath) implements ChoiceRule {}

  record Condition(JsonataExpr expression) implements ChoiceRule {}
}
