package sentry.core.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides whether a frame belongs to the application. In order: a class under one of the
 * application's includes is in-app; else a class under one of its excludes is not; else a frame of
 * a JDK module or of a class under a runtime, build-tool or SDK package is not; else it is.
 *
 * <p>A prefix names a package or class and matches it, its sub-packages and its nested classes:
 * {@code com.acme} matches {@code com.acme.Main} and {@code com.acme.web.Api} but not
 * {@code com.acmetools.X}. A trailing dot is ignored. Thread-safe; its rules never change, and what
 * they say of a class name is remembered for the next frame of the same class (a hundred frames
 * an event, each tried against some twenty prefixes, were a twentieth of a serializer's time), up
 * to {@value #MAX_REMEMBERED} class names.
 */
final class InAppRules {
  /** Class names whose verdict is kept; past that, the rest are matched each time. */
  static final int MAX_REMEMBERED = 4096;
  /** The longest class name remembered, in characters. */
  static final int MAX_REMEMBERED_LENGTH = 256;
  /** Modules of the JDK: {@code java.base}, {@code jdk.httpserver} and the like. */
  private static final List<String> JDK_MODULE_PREFIXES = List.of("java.", "jdk.", "sun.", "com.sun.");

  /** Packages that are never the application's own code unless the application says so. */
  private static final List<String> DEFAULT_EXCLUDES =
      List.of(
          "java", "javax", "jakarta", "jdk", "sun", "com.sun", "kotlin", "kotlinx", "scala",
          "groovy", "org.junit", "junit", "org.apache.maven.surefire", "org.gradle",
          // This SDK's own modules; an application's packages may start with "sentry." too.
          "sentry.api", "sentry.core", "sentry.integration");

  private final List<String> includes;
  private final List<String> excludes;
  private final List<String> defaults;
  /** What the prefixes say of a class name, whatever its module. */
  private final Map<String, ByName> byName = new ConcurrentHashMap<>();

  /** What the prefixes say of a class name. */
  private enum ByName {
    INCLUDED,
    EXCLUDED,
    /** Under a default exclude: not in-app unless its module says otherwise (it cannot). */
    DEFAULT_EXCLUDED,
    NOT_MATCHED
  }

  InAppRules(List<String> includes, List<String> excludes) {
    this.includes = normalize(includes);
    this.excludes = normalize(excludes);
    this.defaults = normalize(DEFAULT_EXCLUDES);
  }

  /**
   * Tells whether a frame is the application's.
   *
   * @param className the fully qualified class name
   * @param moduleName the frame's JPMS module, or null
   * @return true when in-app
   */
  boolean isInApp(String className, String moduleName) {
    ByName verdict = byName.get(className);
    if (verdict == null) {
      verdict = classify(className);
      // Names come from the application's stack traces, which it may build itself: a long one is
      // not kept, so that what is remembered stays small in bytes, not only in entries.
      if (byName.size() < MAX_REMEMBERED && className.length() <= MAX_REMEMBERED_LENGTH) {
        byName.put(className, verdict);
      }
    }
    return switch (verdict) {
      case INCLUDED -> true;
      case EXCLUDED, DEFAULT_EXCLUDED -> false;
      case NOT_MATCHED -> moduleName == null || !isJdkModule(moduleName);
    };
  }

  private ByName classify(String className) {
    if (matches(includes, className)) {
      return ByName.INCLUDED;
    }
    if (matches(excludes, className)) {
      return ByName.EXCLUDED;
    }
    return matches(defaults, className) ? ByName.DEFAULT_EXCLUDED : ByName.NOT_MATCHED;
  }

  private static boolean isJdkModule(String moduleName) {
    for (String prefix : JDK_MODULE_PREFIXES) {
      if (moduleName.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(List<String> prefixes, String className) {
    for (String prefix : prefixes) {
      if (className.startsWith(prefix)) {
        int next = prefix.length();
        // A whole name must match: "com.acme" is not a prefix of "com.acmetools.X".
        if (className.length() == next || className.charAt(next) == '.' || className.charAt(next) == '$') {
          return true;
        }
      }
    }
    return false;
  }

  private static List<String> normalize(List<String> prefixes) {
    List<String> out = new ArrayList<>(prefixes.size());
    for (String prefix : prefixes) {
      if (prefix == null) {
        continue;
      }
      String trimmed = prefix.strip();
      while (trimmed.endsWith(".")) {
        trimmed = trimmed.substring(0, trimmed.length() - 1);
      }
      if (!trimmed.isEmpty()) {
        out.add(trimmed);
      }
    }
    return List.copyOf(out);
  }
}
