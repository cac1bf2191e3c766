package sentry.api;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The options that decide which integrations and processors are installed. */
final class IntegrationSettings {
  final List<Integration> explicit = new ArrayList<>();
  boolean discover = true;
  final Set<String> disabled = new LinkedHashSet<>();
  final List<EventProcessor> eventProcessors = new ArrayList<>();

  /** A copy that shares no collection with this one. */
  IntegrationSettings copy() {
    IntegrationSettings copy = new IntegrationSettings();
    copy.explicit.addAll(explicit);
    copy.discover = discover;
    copy.disabled.addAll(disabled);
    copy.eventProcessors.addAll(eventProcessors);
    return copy;
  }
}
