package dev.ferry.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A least-privilege role policy derived from a compiled machine, with every
 * permission that could not be narrowed listed in {@link #wildcards()} (what {@code ferry plan}
 * shows).
 */
public record DerivedPolicy(List<PolicyStatement> statements, List<Wildcard> wildcards) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public DerivedPolicy {
    statements = List.copyOf(statements);
    wildcards = List.copyOf(wildcards);
  }

  /** The IAM policy document. */
  public ObjectNode document() {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("Version", "2012-10-17");
    ArrayNode list = doc.putArray("Statement");
    for (PolicyStatement s : statements) {
      ObjectNode st = list.addObject();
      st.put("Sid", s.sid());
      st.put("Effect", "Allow");
      ArrayNode actions = st.putArray("Action");
      s.actions().forEach(actions::add);
      ArrayNode resources = st.putArray("Resource");
      s.resources().forEach(resources::add);
    }
    return doc;
  }

  public String documentJson() {
    return document().toString();
  }
}
