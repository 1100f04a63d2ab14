package dev.ferry.dsl;

/**
 * A kind of writer the pause and resume tasks can stop and start on AWS, as the {@code type} of a
 * writer object names it. A parameter that holds writers declares its kinds, which is what the
 * deploy grants the task functions on AWS.
 */
public enum WriterKind {
  /** A Lambda consumer: reserved concurrency and event source mappings. */
  LAMBDA("lambda"),
  /** An ECS service: its desired count. */
  ECS("ecs");

  private final String type;

  WriterKind(String type) {
    this.type = type;
  }

  /** The writer object's {@code type}. */
  public String type() {
    return type;
  }
}
