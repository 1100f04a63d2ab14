package dev.ferry.engine.asl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.engine.data.JsonataExpr;
import dev.ferry.engine.data.Template;

/** A field given as a literal, a JSONPath, context path, variable or intrinsic call ({@code ...Path} fields) or a JSONata expression. */
public sealed interface Value {
  record Fixed(JsonNode value) implements Value {}

  record FromPath(Template source) implements Value {}

  record FromExpression(JsonataExpr expression) implements Value {}
}
