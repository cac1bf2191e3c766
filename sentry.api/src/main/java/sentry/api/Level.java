package sentry.api;

/** The severity of an event or a breadcrumb, as Sentry's protocol names it. */
public enum Level {
  /** A crash: the program or a thread could not go on. */
  FATAL("fatal"),
  /** An error. */
  ERROR("error"),
  /** A warning. */
  WARNING("warning"),
  /** Information. */
  INFO("info"),
  /** Detail for debugging. */
  DEBUG("debug");

  private final String protocolName;

  Level(String protocolName) {
    this.protocolName = protocolName;
  }

  /**
   * Returns the name of this level on the wire.
   *
   * @return {@code "fatal"}, {@code "error"}, {@code "warning"}, {@code "info"} or {@code "debug"}
   */
  public String protocolName() {
    return protocolName;
  }
}
