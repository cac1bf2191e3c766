package sentry.integration.stdlib;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import sentry.api.Hub;
import sentry.api.SentryOptions;

/**
 * Decides which trace headers an outgoing request gets and with which values: {@code sentry-trace}
 * and {@code baggage} (and {@code traceparent} with {@code propagateTraceparent}) from the calling
 * thread's hub, when the URL matches {@code tracePropagationTargets}. The DSN's host never gets
 * them (the callers never ask for it). What the application set itself wins: a request that
 * already has a {@code sentry-trace} is left as it is, a {@code traceparent} it set is kept, and
 * so is its {@code baggage}, to which our {@code sentry-} members are appended within the W3C
 * limits ({@value #MAX_MEMBERS} members, {@value #MAX_BYTES} bytes) unless it has {@code sentry-}
 * members of its own. Never throws. Thread-safe.
 */
final class TracePropagation {
  static final String SENTRY_TRACE = "sentry-trace";
  static final String BAGGAGE = "baggage";
  static final String TRACEPARENT = "traceparent";
  /** The most list members a W3C baggage may have. */
  static final int MAX_MEMBERS = 64;
  /** The most bytes a W3C baggage may have. */
  static final int MAX_BYTES = 8192;

  /** The compiled targets of the options seen last: options are fixed once {@code init} returned. */
  private static volatile Targets targets = new Targets(List.of(), List.of());

  private TracePropagation() {}

  /** The targets as the options list them, and compiled; {@code null} patterns match every URL. */
  private record Targets(List<String> source, List<Pattern> patterns) {
    static Targets of(List<String> source) {
      List<Pattern> patterns = new java.util.ArrayList<>(source.size());
      for (String target : source) {
        if (target.equals(".*")) {
          patterns.add(null);
          continue;
        }
        try {
          patterns.add(Pattern.compile(target));
        } catch (PatternSyntaxException e) {
          patterns.add(Pattern.compile(Pattern.quote(target)));
        }
      }
      return new Targets(source, patterns);
    }

    boolean match(String url) {
      for (Pattern pattern : patterns) {
        if (pattern == null || pattern.matcher(url).find()) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * Returns the headers to set on a request: each replaces the request's header of that name
   * (for {@code baggage}, with the application's members kept in front).
   *
   * @param hub the calling thread's hub, whose client is active
   * @param url the request's URL, in full
   * @param existing the values the request has for a header name (any case); empty for none
   * @return the headers by name, in the order to set them; empty for none
   */
  static Map<String, String> headers(Hub hub, String url, Function<String, List<String>> existing) {
    try {
      SentryOptions options = hub.client().options();
      if (!matches(options.getTracePropagationTargets(), url) || !existing.apply(SENTRY_TRACE).isEmpty()) {
        return Map.of();
      }
      Map<String, String> headers = new LinkedHashMap<>(4);
      String sentryTrace = hub.getTraceparent();
      headers.put(SENTRY_TRACE, sentryTrace);
      String baggage = mergeBaggage(existing.apply(BAGGAGE), hub.getBaggage());
      if (baggage != null) {
        headers.put(BAGGAGE, baggage);
      }
      if (options.isPropagateTraceparent() && existing.apply(TRACEPARENT).isEmpty()) {
        headers.put(TRACEPARENT, traceparent(sentryTrace));
      }
      return headers;
    } catch (RuntimeException e) {
      return Map.of(); // never break the application's request
    }
  }

  /**
   * Returns the environment variables a child process gets: {@code SUBPROCESS_SENTRY_TRACE} and,
   * when there is one, {@code SUBPROCESS_BAGGAGE}, as Python's SDK names them.
   *
   * @param hub the calling thread's hub
   * @return the variables by name; empty when the hub cannot tell
   */
  static Map<String, String> environment(Hub hub) {
    try {
      Map<String, String> variables = new LinkedHashMap<>(4);
      variables.put("SUBPROCESS_SENTRY_TRACE", hub.getTraceparent());
      String baggage = hub.getBaggage();
      if (!baggage.isEmpty()) {
        variables.put("SUBPROCESS_BAGGAGE", baggage);
      }
      return variables;
    } catch (RuntimeException e) {
      return Map.of();
    }
  }

  /**
   * Tells whether a URL matches one of the targets: a regular expression found anywhere in it, or
   * a plain substring for a target that is not a valid regular expression.
   */
  static boolean matches(List<String> source, String url) {
    Targets current = targets;
    if (current.source() != source) {
      current = Targets.of(source);
      targets = current;
    }
    return current.match(url);
  }

  /**
   * Appends our {@code sentry-} members to the application's baggage, each only while the result
   * stays within the W3C limits.
   *
   * @param existing the application's baggage header values; empty when it set none
   * @param ours our baggage; may be empty
   * @return the value to set, or null to leave the header as it is
   */
  static String mergeBaggage(List<String> existing, String ours) {
    if (ours.isEmpty()) {
      return null;
    }
    String theirs = String.join(",", existing).strip();
    int members = 0;
    for (String member : theirs.split(",")) {
      String key = member.strip();
      if (key.isEmpty()) {
        continue;
      }
      if (key.toLowerCase(Locale.ROOT).startsWith("sentry-")) {
        return null; // the application propagates a sampling context of its own
      }
      members++;
    }
    if (existing.isEmpty() || members == 0) {
      return ours;
    }
    StringBuilder merged = new StringBuilder(theirs);
    int bytes = utf8Length(theirs);
    boolean appended = false;
    for (String member : ours.split(",")) {
      int added = member.length() + 1; // ours is ASCII
      if (members < MAX_MEMBERS && bytes + added <= MAX_BYTES) {
        merged.append(',').append(member);
        members++;
        bytes += added;
        appended = true;
      }
    }
    return appended ? merged.toString() : null;
  }

  /** A W3C {@code traceparent} from a {@code sentry-trace}: flags {@code 01} when sampled, else {@code 00}. */
  static String traceparent(String sentryTrace) {
    String flags = sentryTrace.endsWith("-1") && sentryTrace.length() == 51 ? "01" : "00";
    return "00-" + sentryTrace.substring(0, 49) + "-" + flags;
  }

  private static int utf8Length(String text) {
    int bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes++;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
