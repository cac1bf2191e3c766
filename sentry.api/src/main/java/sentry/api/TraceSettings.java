package sentry.api;

import java.util.List;

/** The options that decide which outgoing requests carry the trace, and in which headers. */
final class TraceSettings {
  /** The default targets: every URL. */
  static final List<String> EVERY_URL = List.of(".*");

  List<String> propagationTargets = EVERY_URL;
  boolean propagateTraceparent;

  /** A copy of these values (the list is immutable). */
  TraceSettings copy() {
    TraceSettings copy = new TraceSettings();
    copy.propagationTargets = propagationTargets;
    copy.propagateTraceparent = propagateTraceparent;
    return copy;
  }
}
