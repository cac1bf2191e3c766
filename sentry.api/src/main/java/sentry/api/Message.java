package sentry.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A log message: its template, the parameters put into it and the text that resulted. It becomes
 * the event's {@code logentry}: {@code message} the template, {@code params} the parameters as
 * JSON values (a number stays a number, as Python sends them), {@code formatted} the result.
 *
 * @param template the message before formatting, such as {@code "user {} failed"}
 * @param params the parameters: strings, numbers, booleans or nulls, written as those JSON values
 *     (anything else is written as its {@code toString()} when the event is sent, on the SDK's
 *     thread, so pass a string for a mutable object); empty when there are none
 * @param formatted the formatted text; equal to the template when there are no parameters
 */
public record Message(String template, List<?> params, String formatted) {
  /**
   * Copies the parameters into an unmodifiable list.
   *
   * @param template the message before formatting, such as {@code "user {} failed"}
   * @param params the parameters: strings, numbers, booleans or nulls; empty when there are none
   * @param formatted the formatted text; equal to the template when there are no parameters
   */
  public Message {
    // Not List.copyOf: a null parameter is a JSON null, as Python's None is.
    params = Collections.unmodifiableList(new ArrayList<>(params));
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
