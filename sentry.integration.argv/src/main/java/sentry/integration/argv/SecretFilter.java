package sentry.integration.argv;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces the values of secret-looking program arguments with {@value #FILTERED}. An argument is
 * secret-looking by its option name only, compared case-insensitively word by word (see {@link
 * #isSensitive(String)}); values are never inspected, except for credentials inside URLs.
 *
 * <ul>
 *   <li>{@code --name=value}, {@code -name=value} and {@code name=value}: the value is filtered.
 *   <li>{@code --name value} or {@code -name value}: the next argument is filtered, unless it is
 *       itself a long option ({@code --…}); {@code --no-name} is a flag and filters nothing.
 *   <li>In any argument, a URL's password ({@code scheme://user:secret@host}) and the values of
 *       sensitive query parameters ({@code ?token=…}) are filtered.
 * </ul>
 *
 * <p>The first element, the program (main class, jar or module), is kept as it is. Immutable and
 * thread-safe.
 */
final class SecretFilter {
  /** What replaces a secret. */
  static final String FILTERED = "[Filtered]";

  private static final Pattern URL_PASSWORD = Pattern.compile("(\\w[\\w+.-]*://[^/@:\\s]*:)([^/@\\s]+)(@)");
  private static final Pattern QUERY_PARAMETER = Pattern.compile("([?&;])([^=&;#\\s]+)=([^&;#\\s]*)");
  private static final Pattern KEY = Pattern.compile("-{0,2}[A-Za-z0-9_.\\-]+");

  private final Set<String> words;

  /**
   * Makes a filter.
   *
   * @param words the sensitive words, lower case
   */
  SecretFilter(Set<String> words) {
    this.words = Set.copyOf(words);
  }

  /**
   * Filters a command line.
   *
   * @param commandLine the program, then its arguments
   * @return a new list of the same length, with secrets replaced
   */
  List<String> apply(List<String> commandLine) {
    List<String> filtered = new ArrayList<>(commandLine.size());
    boolean valueIsSecret = false;
    for (int i = 0; i < commandLine.size(); i++) {
      String argument = commandLine.get(i);
      if (i == 0) {
        filtered.add(argument);
      } else if (valueIsSecret && !argument.startsWith("--")) {
        filtered.add(FILTERED);
        valueIsSecret = false;
      } else {
        valueIsSecret = argument.startsWith("-") && argument.indexOf('=') < 0 && isSensitive(argument)
            && !isNegation(argument);
        filtered.add(filterOne(argument));
      }
    }
    return filtered;
  }

  private String filterOne(String argument) {
    int equals = argument.indexOf('=');
    if (equals > 0) {
      String name = argument.substring(0, equals);
      if (KEY.matcher(name).matches() && isSensitive(name)) {
        return name + "=" + FILTERED;
      }
    }
    return filterUrls(argument);
  }

  private String filterUrls(String argument) {
    if (argument.indexOf('@') >= 0) {
      argument = URL_PASSWORD.matcher(argument).replaceAll("$1" + Matcher.quoteReplacement(FILTERED) + "$3");
    }
    if (argument.indexOf('?') < 0 && argument.indexOf(';') < 0) {
      return argument;
    }
    Matcher matcher = QUERY_PARAMETER.matcher(argument);
    StringBuilder out = new StringBuilder(argument.length());
    while (matcher.find()) {
      String replacement = isSensitive(matcher.group(2)) ? matcher.group(1) + matcher.group(2) + "=" + FILTERED
          : matcher.group();
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    return matcher.appendTail(out).toString();
  }

  /**
   * Tells whether an option name is sensitive: split into words at non-alphanumeric characters
   * and camel-case humps ({@code --db-password}, {@code dbPassword}, {@code DB_PASSWORD} all give
   * {@code password}), it has a word that is, or ends with, a sensitive word ({@code apitoken},
   * {@code storepass}). Leading dashes are ignored.
   *
   * @param name the option name, with or without dashes
   * @return true if its value should be filtered
   */
  boolean isSensitive(String name) {
    for (String word : words(name)) {
      for (String sensitive : words) {
        if (word.endsWith(sensitive)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isNegation(String option) {
    List<String> words = words(option);
    return words.size() > 1 && words.get(0).equals("no");
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
