package sentry.api;

/**
 * How an exception reached the SDK: the integration or API that captured it, and whether the
 * application handled it.
 *
 * @param type the mechanism type, such as {@code "generic"}, {@code "excepthook"} or
 *     {@code "logging"}
 * @param handled false when the exception escaped the application (an uncaught exception)
 */
public record Mechanism(String type, boolean handled) {
  /** The mechanism of {@link Sentry#captureException(Throwable)}: handled, type "generic". */
  public static final Mechanism GENERIC = new Mechanism("generic", true);

  /**
   * Checks the type.
   *
   * @param type the mechanism type, such as {@code "generic"}, {@code "excepthook"} or {@code "logging"}
   * @param handled false when the exception escaped the application (an uncaught exception)
   * @throws IllegalArgumentException if {@code type} is blank
   */
  public Mechanism {
    if (type.isBlank()) {
      throw new IllegalArgumentException("mechanism type is blank: expected a name such as \"generic\"");
    }
  }
}
