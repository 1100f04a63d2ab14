package dev.ferry.deploy.rehearse.world;

/** What a check found: whether it holds and, in words, what it saw. */
public record Verdict(boolean ok, String detail) {

  public static Verdict ok(String detail) {
    return new Verdict(true, detail);
  }

  public static Verdict failed(String detail) {
    return new Verdict(false, detail);
  }
}
