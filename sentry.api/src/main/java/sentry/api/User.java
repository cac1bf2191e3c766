package sentry.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The user an event is about. Every component may be null when it is not known.
 *
 * <p>The SDK never fills a user in by itself unless {@link SentryOptions#setSendDefaultPii(boolean)}
 * is on; a user that the application sets is always sent, less what the event scrubber filters:
 * without {@code sendDefaultPii} its IP address is left out, as Python's SDK does, and {@code data}
 * values under denylisted keys become {@code [Filtered]} ({@link SentryOptions#setScrubKeys}).
 *
 * @param id the application's id for the user, or null
 * @param username the user name, or null
 * @param email the e-mail address, or null
 * @param ipAddress the IP address, or null
 * @param data further data, never null (empty when there is none)
 */
public record User(
    @Nullable String id,
    @Nullable String username,
    @Nullable String email,
    @Nullable String ipAddress,
    Map<String, String> data) {
  /**
   * Copies {@code data}; a null map becomes empty.
   *
   * @param id the application's id for the user, or null
   * @param username the user name, or null
   * @param email the e-mail address, or null
   * @param ipAddress the IP address, or null
   * @param data further data, never null (empty when there is none)
   */
  public User {
    data = data == null ? Map.of() : Map.copyOf(data);
  }

  /**
   * A user known by id only.
   *
   * @param id the application's id for the user
   * @return a user with only an id
   */
  public static User ofId(String id) {
    return new User(id, null, null, null, Map.of());
  }
}
