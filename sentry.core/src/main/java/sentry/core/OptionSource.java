package sentry.core;

import java.util.List;
import java.util.Locale;

/**
 * One place options come from ({@code sentry.properties}, the environment, system properties),
 * with its settings as the user wrote them, so that a warning or an error names the variable,
 * property or file line the user has to change.
 *
 * @param kind what kind of source it is
 * @param location where it is: the file and its URL, or the source's kind
 * @param settings its settings, in the order read
 */
record OptionSource(Kind kind, String location, List<Setting> settings) {
  /** The kinds of source, each with its own spelling of a key. */
  enum Kind {
    /** A properties file: keys as they are ({@code sample-rate}). */
    FILE,
    /** {@code SENTRY_*} environment variables ({@code SENTRY_SAMPLE_RATE}). */
    ENVIRONMENT,
    /** {@code sentry.*} system properties ({@code sentry.sample-rate}). */
    SYSTEM_PROPERTIES
  }

  /**
   * One setting.
   *
   * @param key the loader's key it was read as ({@code sample-rate}, {@code tags.team})
   * @param written the name as the user wrote it ({@code SENTRY_SAMPLE_RATE})
   * @param value its value as written
   */
  record Setting(String key, String written, String value) {}

  OptionSource {
    settings = List.copyOf(settings);
  }

  /** Spells a loader key as this source writes it ({@code sample-rate} as {@code SENTRY_SAMPLE_RATE}). */
  String spell(String key) {
    return switch (kind) {
      case FILE -> key;
      case ENVIRONMENT -> "SENTRY_" + key.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
      case SYSTEM_PROPERTIES -> "sentry." + key;
    };
  }

  /**
   * Describes a bad value for an error: {@code SENTRY_SAMPLE_RATE=2: expected …}, {@code
   * -Dsentry.sample-rate=2: …}, {@code sentry.properties (file:/…): sample-rate=2: …}.
   */
  String invalid(String written, String shownValue, String rule) {
    String assignment = written + "=" + shownValue + ": " + rule;
    return switch (kind) {
      case FILE -> location + ": " + assignment;
      case ENVIRONMENT -> assignment;
      case SYSTEM_PROPERTIES -> "-D" + assignment;
    };
  }

  /**
   * Describes an unknown key for a warning, with the nearest known key if there is one: {@code
   * sentry.properties (file:/…): unknown key 'enviroment', did you mean 'environment'?}.
   */
  String unknown(Setting setting, String suggestion) {
    String what = switch (kind) {
      case FILE -> "unknown key";
      case ENVIRONMENT -> "unknown variable";
      case SYSTEM_PROPERTIES -> "unknown system property";
    };
    return location + ": " + what + " '" + setting.written() + "'"
        + (suggestion == null ? ", ignored" : ", did you mean '" + spell(suggestion) + "'?");
  }
}
