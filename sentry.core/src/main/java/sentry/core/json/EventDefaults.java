package sentry.core.json;

import java.util.Map;

/**
 * What the serializer adds to every event on the worker thread, where the event does not set it
 * itself: the sdk block, the contexts computed once at start-up ({@code os}, {@code runtime},
 * {@code device}) and the server name; and the scrubber it writes the event's data through.
 *
 * @param sdk the sdk block
 * @param contexts default contexts; an event's own context of the same name wins
 * @param serverName the server name, or null when unknown
 * @param scrubber what it filters out of the event's data
 */
public record EventDefaults(
    SdkInfo sdk, Map<String, Map<String, Object>> contexts, String serverName, EventScrubber scrubber) {
  /**
   * Copies the contexts.
   *
   * @param sdk the sdk block
   * @param contexts default contexts; an event's own context of the same name wins
   * @param serverName the server name, or null when unknown
   * @param scrubber what it filters out of the event's data; null for none
   */
  public EventDefaults {
    contexts = Map.copyOf(contexts);
    scrubber = scrubber == null ? EventScrubber.NONE : scrubber;
  }

  /**
   * Defaults that scrub nothing (the client always passes its options' scrubber).
   *
   * @param sdk the sdk block
   * @param contexts default contexts; an event's own context of the same name wins
   * @param serverName the server name, or null when unknown
   */
  public EventDefaults(SdkInfo sdk, Map<String, Map<String, Object>> contexts, String serverName) {
    this(sdk, contexts, serverName, EventScrubber.NONE);
  }
}
