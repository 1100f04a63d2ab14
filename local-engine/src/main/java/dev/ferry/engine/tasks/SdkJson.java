package dev.ferry.engine.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.engine.StatesError;
import dev.ferry.engine.data.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/**
 * Converts between ASL JSON (AWS API member names such as {@code TableName}, {@code SS}) and AWS
 * SDK v2 model objects, using the SDK's own field metadata, so any operation of any service maps
 * without per-operation code.
 */
final class SdkJson {
  private SdkJson() {}

  /** Fills an SDK builder (which is an {@link SdkPojo}) from a JSON object. */
  static void fill(SdkPojo builder, JsonNode json, String where) {
    if (!json.isObject()) {
      throw new StatesError("States.Runtime", where + ": expected a JSON object, got " + Json.write(json));
    }
    Map<String, SdkField<?>> fields = new LinkedHashMap<>();
    for (SdkField<?> f : builder.sdkFields()) {
      fields.put(f.locationName(), f);
    }
    Iterator<Map.Entry<String, JsonNode>> it = json.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      SdkField<?> field = fields.get(e.getKey());
      if (field == null) {
        throw new StatesError(
            "States.Runtime",
            where + ": '" + e.getKey() + "' is not a parameter of this API (it takes " + fields.keySet() + ").");
      }
      field.set(builder, value(field, e.getValue(), where + "." + e.getKey()));
    }
  }

  private static Object value(SdkField<?> field, JsonNode json, String where) {
    if (json.isNull()) {
      return null;
    }
    MarshallingType<?> type = field.marshallingType();
    if (type == MarshallingType.STRING) {
      return json.isTextual() ? json.asText() : Json.write(json);
    }
    if (type == MarshallingType.INTEGER) {
      return json.asInt();
    }
    if (type == MarshallingType.LONG) {
      return json.asLong();
    }
    if (type == MarshallingType.DOUBLE) {
      return json.asDouble();
    }
    if (type == MarshallingType.FLOAT) {
      return (float) json.asDouble();
    }
    if (type == MarshallingType.BIG_DECIMAL) {
      return json.decimalValue();
    }
    if (type == MarshallingType.BOOLEAN) {
      return json.asBoolean();
    }
    if (type == MarshallingType.INSTANT) {
      return json.isNumber() ? Instant.ofEpochMilli(Math.round(json.asDouble() * 1000)) : Instant.parse(json.asText());
    }
    if (type == MarshallingType.SDK_BYTES) {
      return SdkBytes.fromByteArray(Base64.getDecoder().decode(json.asText()));
    }
    if (type == MarshallingType.SDK_POJO) {
      SdkPojo nested = field.constructor().get();
      fill(nested, json, where);
      return ((software.amazon.awssdk.utils.builder.SdkBuilder<?, ?>) nested).build();
    }
    if (type == MarshallingType.LIST) {
      SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
      List<Object> list = new ArrayList<>();
      int i = 0;
      for (JsonNode item : json) {
        list.add(value(member, item, where + "[" + i++ + "]"));
      }
      return list;
    }
    if (type == MarshallingType.MAP) {
      SdkField<?> valueField = field.getTrait(MapTrait.class).valueFieldInfo();
      Map<String, Object> map = new LinkedHashMap<>();
      json.fields().forEachRemaining(e -> map.put(e.getKey(), value(valueField, e.getValue(), where + "." + e.getKey())));
      return map;
    }
    throw new StatesError("States.Runtime", where + ": parameters of type " + type + " are not supported by the local engine.");
  }

  /** The AWS JSON shape of an SDK model object (unset members left out). */
  static ObjectNode toJson(SdkPojo pojo) {
    ObjectNode out = Json.object();
    for (SdkField<?> field : pojo.sdkFields()) {
      Object value = field.getValueOrDefault(pojo);
      JsonNode json = json(field, value);
      if (json != null) {
        out.set(field.locationName(), json);
      }
    }
    return out;
  }

  private static JsonNode json(SdkField<?> field, Object value) {
    if (value == null || value instanceof SdkAutoConstructList<?> || value instanceof SdkAutoConstructMap<?, ?>) {
      return null;
    }
    return switch (value) {
      case String s -> Json.NODES.textNode(s);
      case Boolean b -> Json.NODES.booleanNode(b);
      case Integer i -> Json.NODES.numberNode(i);
      case Long l -> Json.NODES.numberNode(l);
      case Double d -> Json.NODES.numberNode(d);
      case Float f -> Json.NODES.numberNode(f);
      case BigDecimal d -> Json.NODES.numberNode(d);
      case Instant t -> Json.number(BigDecimal.valueOf(t.toEpochMilli()).movePointLeft(3));
      case SdkBytes bytes -> Json.NODES.textNode(Base64.getEncoder().encodeToString(bytes.asByteArray()));
      case SdkPojo nested -> toJson(nested);
      case Collection<?> list -> {
        SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
        ArrayNode array = Json.NODES.arrayNode();
        for (Object item : list) {
          JsonNode j = json(member, item);
          array.add(j == null ? Json.NODES.nullNode() : j);
        }
        yield array;
      }
      case Map<?, ?> map -> {
        SdkField<?> valueField = field.getTrait(MapTrait.class).valueFieldInfo();
        ObjectNode object = Json.object();
        map.forEach((k, v) -> {
          JsonNode j = json(valueField, v);
          object.set(String.valueOf(k), j == null ? Json.NODES.nullNode() : j);
        });
        yield object;
      }
      default -> Json.NODES.textNode(String.valueOf(value));
    };
  }
}
