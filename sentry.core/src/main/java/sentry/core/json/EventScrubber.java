package sentry.core.json;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Python's {@code EventScrubber}: the values under denylisted keys become {@value #FILTERED} when
 * an event is written. Keys match whatever their case and separators ({@code API-Key}, {@code
 * api_key}, {@code apiKey} and {@code x-api.key} all read {@code apikey}). The serializer applies
 * it to {@code extra}, the keys inside each context, the user's {@code email} and {@code data}
 * (never {@code id} and {@code username}; {@code ip_address} is left out when denylisted, as
 * Python pops it), tags, breadcrumb data and request data, at every depth the serializer writes
 * (maps inside lists too). Messages, exception values and log parameters are not rewritten.
 *
 * <p>Immutable and thread-safe.
 */
public final class EventScrubber {
  /** What a denylisted value becomes. */
  public static final String FILTERED = "[Filtered]";

  /**
   * The address keys, scrubbed only without {@code sendDefaultPii}: Python's {@code
   * DEFAULT_PII_DENYLIST}.
   */
  public static final List<String> PII_KEYS = List.of("x_forwarded_for", "x_real_ip", "ip_address", "remote_addr");

  /** A scrubber that leaves everything as it is. */
  public static final EventScrubber NONE = new EventScrubber(Set.of());

  private final Set<String> denied;

  private EventScrubber(Set<String> denied) {
    this.denied = Set.copyOf(denied);
  }

  /**
   * Makes a scrubber.
   *
   * @param keys the denylist ({@code SentryOptions.getScrubKeys})
   * @param sendDefaultPii false to add {@link #PII_KEYS}
   * @return the scrubber
   */
  public static EventScrubber of(Collection<String> keys, boolean sendDefaultPii) {
    Set<String> denied = new HashSet<>();
    for (String key : keys) {
      denied.add(normalize(key));
    }
    if (!sendDefaultPii) {
      for (String key : PII_KEYS) {
        denied.add(normalize(key));
      }
    }
    denied.remove("");
    return new EventScrubber(denied);
  }

  /**
   * Tells whether the value under a key is scrubbed.
   *
   * @param key the key, or null
   * @return true when the key is on the denylist, whatever its case and separators
   */
  public boolean isDenied(String key) {
    return key != null && !denied.isEmpty() && denied.contains(normalize(key));
  }

  /** Lower case, letters and digits only: {@code X-CSRFToken} and {@code x_csrftoken} meet. */
  static String normalize(String key) {
    if (isNormal(key)) {
      // Most keys ("os", "version", "tag1") already are: no copy for every key of every event.
      return key;
    }
    StringBuilder out = new StringBuilder(key.length());
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        out.append(c);
      }
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }

  private static boolean isNormal(String key) {
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "EventScrubber[" + denied.size() + " keys]";
  }
}
