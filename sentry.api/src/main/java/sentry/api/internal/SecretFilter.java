package sentry.api.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces the values of secret-looking program arguments and query parameters with {@value
 * #FILTERED}. Whether a value is secret depends on its name only, compared case-insensitively word
 * by word (see {@link #isSensitive(String)}); values are never inspected, except for credentials
 * inside URLs. The {@code argv} integration filters the program's own command line with it, the
 * {@code stdlib} integration the command lines of subprocesses and the queries of HTTP requests.
 *
 * <p>A command line ({@link #apply(List)}):
 *
 * <ul>
 *   <li>{@code --name=value}, {@code -name=value} and {@code name=value}: the value is filtered.
 *   <li>{@code --name value} or {@code -name value}: the next argument is filtered, unless it is
 *       itself a long option ({@code --…}); {@code --no-name} is a flag and filters nothing.
 *   <li>In any argument, a URL's password ({@code scheme://user:secret@host}) and the values of
 *       sensitive query parameters ({@code ?token=…}) are filtered.
 * </ul>
 *
 * <p>The first element, the program (main class, jar or module), is kept as it is. Two choices
 * differ between the integrations and are made when the filter is: whether {@code ;} separates
 * query parameters in an argument as {@code &} does ({@link #withSemicolonQueryParameters()}), and
 * whether parameter names are compared percent-decoded ({@link #withPercentDecodedNames()}).
 * Immutable and thread-safe. Not API.
 */
public final class SecretFilter {
  /** What replaces a secret. */
  public static final String FILTERED = "[Filtered]";

  private static final Pattern URL_PASSWORD = Pattern.compile("(\\w[\\w+.-]*://[^/@:\\s]*:)([^/@\\s]+)(@)");
  private static final Pattern QUERY_PARAMETER = Pattern.compile("([?&])([^=&#\\s]+)=([^&#\\s]*)");
  private static final Pattern QUERY_PARAMETER_OR_SEMICOLON =
      Pattern.compile("([?&;])([^=&;#\\s]+)=([^&;#\\s]*)");
  private static final Pattern OPTION_NAME = Pattern.compile("-{0,2}[A-Za-z0-9_.\\-]+");

  private final Set<String> words;
  private final boolean semicolons;
  private final boolean decodeNames;

  /**
   * Makes a filter: {@code &} separates query parameters, names are compared as written.
   *
   * @param words the sensitive words, lower case
   */
  public SecretFilter(Set<String> words) {
    this(Set.copyOf(words), false, false);
  }

  private SecretFilter(Set<String> words, boolean semicolons, boolean decodeNames) {
    this.words = words;
    this.semicolons = semicolons;
    this.decodeNames = decodeNames;
  }

  /**
   * Returns a filter that also takes {@code ;} as a separator of query parameters inside
   * arguments, as in {@code jdbc:…;password=…}, and looks for them after a {@code ;} even without
   * a {@code ?}.
   *
   * @return a new filter
   */
  public SecretFilter withSemicolonQueryParameters() {
    return new SecretFilter(words, true, decodeNames);
  }

  /**
   * Returns a filter that compares query parameter names percent-decoded ({@code api%5Fkey} is
   * {@code api_key}); a name that does not decode is compared as it is.
   *
   * @return a new filter
   */
  public SecretFilter withPercentDecodedNames() {
    return new SecretFilter(words, semicolons, true);
  }

  /**
   * Filters a command line.
   *
   * @param commandLine the program, then its arguments
   * @return a new list of the same length, with secrets replaced
   */
  public List<String> apply(List<String> commandLine) {
    List<String> filtered = new ArrayList<>(commandLine.size());
    boolean valueIsSecret = false;
    for (int i = 0; i < commandLine.size(); i++) {
      String argument = String.valueOf(commandLine.get(i));
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

  /**
   * Filters a raw query string ({@code a=1&token=x}): the value of each sensitive parameter
   * becomes {@value #FILTERED}; names, order and everything else stay as they were.
   *
   * @param query the raw query, without {@code ?}; may be empty
   * @return the filtered query
   */
  public String filterQuery(String query) {
    if (query.isEmpty()) {
      return query;
    }
    String[] parameters = query.split("&", -1);
    for (int i = 0; i < parameters.length; i++) {
      int equals = parameters[i].indexOf('=');
      if (equals > 0 && isSensitive(name(parameters[i].substring(0, equals)))) {
        parameters[i] = parameters[i].substring(0, equals + 1) + FILTERED;
      }
    }
    return String.join("&", parameters);
  }

  /**
   * Tells whether an option or parameter name is sensitive: split into words at non-alphanumeric
   * characters and camel-case humps ({@code --db-password}, {@code dbPassword}, {@code
   * DB_PASSWORD} all give {@code password}), it has a word that is, or ends with, a sensitive word
   * ({@code apitoken}, {@code storepass}). This errs on the side of filtering ({@code monkey} ends
   * with {@code key}). Leading dashes are ignored.
   *
   * @param name the name, with or without dashes
   * @return true if its value should be filtered
   */
  public boolean isSensitive(String name) {
    for (String word : words(name)) {
      for (String sensitive : words) {
        if (word.endsWith(sensitive)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Splits a name into lower-case words at non-alphanumerics and camel-case humps.
   *
   * @param name the name
   * @return its words, in order
   */
  public static List<String> words(String name) {
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

  private String filterOne(String argument) {
    int equals = argument.indexOf('=');
    if (equals > 0) {
      String name = argument.substring(0, equals);
      if (OPTION_NAME.matcher(name).matches() && isSensitive(name)) {
        return name + "=" + FILTERED;
      }
    }
    return filterUrls(argument);
  }

  private String filterUrls(String argument) {
    if (argument.indexOf('@') >= 0) {
      argument = URL_PASSWORD.matcher(argument).replaceAll("$1" + Matcher.quoteReplacement(FILTERED) + "$3");
    }
    if (argument.indexOf('?') < 0 && !(semicolons && argument.indexOf(';') >= 0)) {
      return argument;
    }
    Matcher matcher = (semicolons ? QUERY_PARAMETER_OR_SEMICOLON : QUERY_PARAMETER).matcher(argument);
    StringBuilder out = new StringBuilder(argument.length());
    while (matcher.find()) {
      String replacement = isSensitive(name(matcher.group(2)))
          ? matcher.group(1) + matcher.group(2) + "=" + FILTERED
          : matcher.group();
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    return matcher.appendTail(out).toString();
  }

  /** A parameter name as it is compared: percent-decoded when chosen. */
  private String name(String raw) {
    if (!decodeNames) {
      return raw;
    }
    try {
      return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return raw; // a stray '%': compare the name as it is
    }
  }

  private static boolean isNegation(String option) {
    List<String> words = words(option);
    return words.size() > 1 && words.get(0).equals("no");
  }

  private static void flush(List<String> words, StringBuilder word) {
    if (word.length() > 0) {
      words.add(word.toString().toLowerCase(Locale.ROOT));
      word.setLength(0);
    }
  }
}
