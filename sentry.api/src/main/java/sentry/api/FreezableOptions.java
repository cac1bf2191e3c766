package sentry.api;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The root of {@link SentryOptions}' chain of concerns ({@code FreezableOptions} ← {@link
 * FilterOptions} ← {@link DeliveryOptions} ← {@link IntegrationOptions} ← {@code SentryOptions}):
 * whether the options are frozen, and the checks every setter shares. Each class of the chain holds
 * one concern's fields, setters and getters, and copies its fields in its copy constructor, which
 * {@link SentryOptions#frozenCopy()} runs down the chain. Package-private: users see the public
 * members on {@code SentryOptions} alone, as if declared there.
 */
abstract class FreezableOptions {
  /** True for the immutable copy {@code init} takes ({@link SentryOptions#frozenCopy()}). */
  private final boolean frozen;

  /**
   * Makes the root of mutable options, or of a frozen copy.
   *
   * @param frozen true for the frozen copy, whose setters throw
   */
  FreezableOptions(boolean frozen) {
    this.frozen = frozen;
  }

  /**
   * Tells whether these options are a frozen copy ({@link SentryOptions#frozenCopy()}), whose
   * setters throw.
   *
   * @return true for the options a running SDK reads
   */
  public boolean isFrozen() {
    return frozen;
  }

  /** Throws when these options are frozen; every setter calls it first, with its own name. */
  final void checkMutable(String setter) {
    if (frozen) {
      throw new IllegalStateException("options are frozen: " + setter + " was called on the options of a running"
          + " SDK, which never change after init; set options in the Sentry.init callback");
    }
  }

  static long check(String option, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          "option " + option + " is " + value + ": expected a whole number from " + min + " to " + max);
    }
    return value;
  }

  static String checkName(String option, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("option " + option + " got a blank name: expected a non-blank name");
    }
    return value.strip();
  }

  static @Nullable String checkPath(String option, @Nullable String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String path = value.strip();
    try {
      Path.of(path);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("option " + option + " is \"" + path
          + "\": expected a directory path this system accepts (" + e.getReason() + ")", e);
    }
    return path;
  }
}
