package sentry.api;

import java.util.List;

/**
 * A log message: its template, the parameters put into it and the text that resulted. It becomes
 * the event's {@code logentry}.
 *
 * @param template the message before formatting, such as {@code "user {} failed"}
 * @param params the parameters, as strings; empty when there are none
 * @param formatted the formatted text; equal to the template when there are no parameters
 */
public record Message(String template, List<String> params, String formatted) {
  /**
   * Copies the parameters into an unmodifiable list.
   *
   * @param template the message before formatting, such as {@code "user {} failed"}
   * @param params the parameters, as strings; empty when there are none
   * @param formatted the formatted text; equal to the template when there are no parameters
   */
  public Message {
    params = List.copyOf(params);
  }

  /**
   * A message with no parameters.
   *
   * @param text the text
   * @return a message whose template and formatted text are {@code text}
   */
  public static Message of(String text) {
    return new Message(text, List.of(), text);
  }
}
