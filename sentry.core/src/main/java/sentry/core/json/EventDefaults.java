package sentry.core.json;

import java.util.Map;

/**
 * What the serializer adds to every event on the worker thread, where the event does not set it
 * itself: the sdk block, the contexts computed once at start-up ({@code os}, {@code runtime},
 * {@code device}) and the server name.
 *
 * @param sdk the sdk block
 * @param contexts default contexts; an event's own context of the same name wins
 * @param serverName the server name, or null when unknown
 */
public record EventDefaults(SdkInfo sdk, Map<String, Map<String, Object>> contexts, String serverName) {
  /**
   * Copies the contexts.
   *
   * @param sdk the sdk block
   * @param contexts default contexts; an event's own context of the same name wins
   * @param serverName the server name, or null when unknown
   */
  public EventDefaults {
    contexts = Map.copyOf(contexts);
  }
}
