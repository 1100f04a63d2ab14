package dev.ferry.engine.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.engine.StatesError;

/** Reads workflow variables ({@code $name.member}) from an {@link Env}. */
final class Variables {
  private Variables() {}

  static JsonNode read(Env env, String name, PathExpr member) {
    JsonNode value = env.variables().get(name);
    if (value == null) {
      throw new StatesError("States.Runtime", "The variable '$" + name + "' is not defined");
    }
    return member.read(value);
  }
}
