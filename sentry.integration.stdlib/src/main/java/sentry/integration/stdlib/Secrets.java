package sentry.integration.stdlib;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces the values of secret-looking query parameters and program arguments with {@value
 * #FILTERED}. Whether a value is secret depends on its name only: split into words at
 * non-alphanumeric characters and camel-case humps ({@code access_token}, {@code X-Amz-Signature},
 * {@code dbPassword}), the name has a word that is, or ends with, one of {@link #WORDS}. This errs
 * on the side of filtering ({@code monkey} ends with {@code key}). Stateless and thread-safe.
 */
final class Secrets {
  /** What replaces a secret. */
  static final String FILTERED = "[Filtered]";

  /** The sensitive words, lower case. */
  static final Set<String> WORDS = Set.of(
      "password", "passwd", "pwd", "pass", "passphrase", "secret", "token", "key", "apikey", "auth",
      "authorization", "credential", "credentials", "cookie", "bearer", "jwt", "signature", "sig",
      "session", "sessionid", "dsn");

  private static final Pattern URL_PASSWORD = Pattern.compile("(\\w[\\w+.-]*://[^/@:\\s]*:)([^/@\\s]+)(@)");
  private static final Pattern URL_PARAMETER = Pattern.compile("([?&])([^=&#\\s]+)=([^&#\\s]*)");
  private static final Pattern OPTION_NAME = Pattern.compile("-{0,2}[A-Za-z0-9_.\\-]+");

  private Secrets() {}

  /**
   * Tells whether a parameter or option name is sensitive.
   *
   * @param name the name, with or without leading dashes
   * @return true if its value must be filtered
   */
  static boolean isSensitive(String name) {
    for (String word : words(name)) {
      for (String sensitive : WORDS) {
        if (word.endsWith(sensitive)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Filters a raw query string ({@code a=1&token=x}): the value of each sensitive parameter
   * becomes {@value #FILTERED}; names, order and everything else stay as they were. Names are
   * compared after percent-decoding.
   *
   * @param query the raw query, without {@code ?}; may be empty
   * @return the filtered query
   */
  static String filterQuery(String query) {
    if (query.isEmpty()) {
      return query;
    }
    String[] parameters = query.split("&", -1);
    for (int i = 0; i < parameters.length; i++) {
      int equals = parameters[i].indexOf('=');
      if (equals > 0 && isSensitive(decode(parameters[i].substring(0, equals)))) {
        parameters[i] = parameters[i].substring(0, equals + 1) + FILTERED;
      }
    }
    return String.join("&", parameters);
  }

  /**
   * Filters a command line as the {@code argv} integration does: {@code --name=value}, {@code
   * -name=value} and {@code name=value} lose the value; {@code --name value} and {@code -name
   * value} lose the next argument unless it is itself a {@code --} option ({@code --no-name} is a
   * flag and filters nothing); passwords in URLs ({@code scheme://user:secret@host}) and sensitive
   * URL query parameters are filtered in any argument. The program (the first element) is kept.
   *
   * @param command the program and its arguments
   * @return a new list of the same length
   */
  static List<String> filterArguments(List<String> command) {
    List<String> filtered = new ArrayList<>(command.size());
    boolean nextIsSecret = false;
    for (int i = 0; i < command.size(); i++) {
      String argument = String.valueOf(command.get(i));
      if (i == 0) {
        filtered.add(argument);
      } else if (nextIsSecret && !argument.startsWith("--")) {
        filtered.add(FILTERED);
        nextIsSecret = false;
      } else {
        nextIsSecret = argument.startsWith("-") && argument.indexOf('=') < 0 && isSensitive(argument)
            && !isNegation(argument);
        filtered.add(filterArgument(argument));
      }
    }
    return filtered;
  }

  private static String filterArgument(String argument) {
    int equals = argument.indexOf('=');
    if (equals > 0) {
      String name = argument.substring(0, equals);
      if (OPTION_NAME.matcher(name).matches() && isSensitive(name)) {
        return name + "=" + FILTERED;
      }
    }
    if (argument.indexOf('@') >= 0) {
      argument = URL_PASSWORD.matcher(argument).replaceAll("$1" + Matcher.quoteReplacement(FILTERED) + "$3");
    }
    if (argument.indexOf('?') < 0) {
      return argument;
    }
    Matcher parameter = URL_PARAMETER.matcher(argument);
    StringBuilder out = new StringBuilder(argument.length());
    while (parameter.find()) {
      String replacement = isSensitive(decode(parameter.group(2)))
          ? parameter.group(1) + parameter.group(2) + "=" + FILTERED
          : parameter.group();
      parameter.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    return parameter.appendTail(out).toString();
  }

  private static boolean isNegation(String option) {
    List<String> words = words(option);
    return words.size() > 1 && words.get(0).equals("no");
  }

  private static String decode(String name) {
    try {
      return URLDecoder.decode(name, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return name; // a stray '%': compare the name as it is
    }
  }

  /** Splits a name into lower-case words at non-alphanumerics and camel-case humps. */
  static List<String> words(String name) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!Character.isLetterOrDigit(c)) {
        flush(words, word);
        continue;
      }
      boolean hump = Character.isUpperCase(c) && word.length() > 0
          && (Character.isLowerCase(name.charAt(i - 1))
              || (i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1))));
      if (hump) {
        flush(words, word);
      }
      word.append(c);
    }
    flush(words, word);
    return words;
  }

  private static void flush(List<String> words, StringBuilder word) {
    if (word.length() > 0) {
      words.add(word.toString().toLowerCase(Locale.ROOT));
      word.setLength(0);
    }
  }
}
