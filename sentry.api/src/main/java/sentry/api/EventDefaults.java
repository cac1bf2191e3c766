package sentry.api;

import java.util.Map;

/**
 * Process-wide values an integration contributes once, at registration ({@link
 * IntegrationContext#addEventDefaults(EventDefaults)}), instead of an event processor that copies
 * them into every event. The SDK writes them into each event under the event's own values (an
 * entry the event, its scope or a callback already has wins), on its own thread when no callback
 * needs the event earlier, and before the callbacks otherwise, so that they see them.
 *
 * <p>The methods are called once per event, on any thread: they must be cheap and thread-safe,
 * and must not throw (what one throws skips it for that event, with a warning).
 */
public interface EventDefaults {
  /**
   * Returns the modules and libraries with their versions, for the event's {@code modules}.
   *
   * @return the entries, in the order to write them; empty for none
   */
  default Map<String, String> modules() {
    return Map.of();
  }

  /**
   * Returns extra data, for the event's {@code extra}. A value the event may be given to change
   * (a list, a map) should be a fresh copy each time.
   *
   * @return the entries, in the order to write them; empty for none
   */
  default Map<String, Object> extra() {
    return Map.of();
  }
}
