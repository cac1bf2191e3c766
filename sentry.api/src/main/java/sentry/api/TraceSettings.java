package sentry.api;

import java.util.List;

/** The options that decide which outgoing requests carry the trace, and in which headers. */
final class TraceSettings {
  /** The default targets: every URL. */
  static final List<String> EVERY_URL = List.of(".*");

  List<String> propagationTargets = EVERY_URL;
  boolean propagateTraceparent;
}
