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
 *   <li>{@code -p value} and {@code -pw value}, the short password flags of {@code mysql},
 *       {@code mysqladmin}, {@code sshpass} and {@code plink}: the next argument is filtered unless
 *       it is itself an option ({@code -…}). Only these exact flags: {@code -P} is a port to
 *       {@code mysql} and {@code ssh}, and a value glued to the flag ({@code -ppw}) cannot be told
 *       from other options ({@code -parallel}). A port after {@code -p} (as in {@code docker run -p
 *       8080:80}) is filtered too: this errs on the side of filtering.
 *   <li>In any argument, a URL's password ({@code scheme://user:secret@host}), the values of
 *       sensitive query parameters ({@code ?token=…}) and of sensitive path parameters ({@code
 *       ;jsessionid=…}) are filtered, and so are the credentials of an {@code Authorization:} or
 *       {@code Proxy-Authorization:} header (the scheme, such as {@code Bearer}, is kept) and the
 *       token after {@code Bearer}.
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
      Pattern.compile("([?&;])([^=&;#\\s]+)=([^&;#?\\s]*)");
  private static final Pattern OPTION_NAME = Pattern.compile("-{0,2}[A-Za-z0-9_.\\-]+");
  private static final Pattern PATH_PARAMETER = Pattern.compile("(;)([^=;/?#&\\s]+)=([^;/?#&\\s]*)");
  private static final Pattern AUTHORIZATION_HEADER =
      Pattern.compile("(?i)\\b((?:proxy-)?authorization\\s*:\\s*)(?:([A-Za-z][\\w-]*)\\s+)?(\\S.*)");
  private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer\\s+)(?!\\Q" + "[Filtered]" + "\\E)(\\S+)");
  /** Short flags whose next argument is a password; see the class comment for the choice. */
  private static final Set<String> SHORT_PASSWORD_FLAGS = Set.of("-p", "-pw");

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
    // The prefix that marks the next argument as an option rather than the secret value: "--"
    // after a long sensitive option, "-" after a short password flag; null when no value is due.
    String optionPrefix = null;
    for (int i = 0; i < commandLine.size(); i++) {
      String argument = String.valueOf(commandLine.get(i));
      if (i == 0) {
        filtered.add(argument);
      } else if (optionPrefix != null && !argument.startsWith(optionPrefix)) {
        filtered.add(FILTERED);
        optionPrefix = null;
      } else {
        if (SHORT_PASSWORD_FLAGS.contains(argument)) {
          optionPrefix = "-";
        } else {
          boolean valueIsSecret = argument.startsWith("-") && argument.indexOf('=') < 0 && isSensitive(argument)
              && !isNegation(argument);
          optionPrefix = valueIsSecret ? "--" : null;
        }
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
   * Filters the values of sensitive path parameters of a URL ({@code /cart;jsessionid=…}): each
   * becomes {@value #FILTERED}; everything else stays as it was.
   *
   * @param url the URL, or the part of it before the query
   * @return the filtered URL
   */
  public String filterPathParameters(String url) {
    if (url.indexOf(';') < 0) {
      return url;
    }
    Matcher matcher = PATH_PARAMETER.matcher(url);
    StringBuilder out = new StringBuilder(url.length());
    while (matcher.find()) {
      String replacement = isSensitive(name(matcher.group(2)))
          ? matcher.group(1) + matcher.group(2) + "=" + FILTERED
          : matcher.group();
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    return matcher.appendTail(out).toString();
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
    argument = filterCredentials(argument);
    if (!semicolons && argument.indexOf(';') >= 0 && argument.contains("://")) {
      argument = filterPathParameters(argument);
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

  /** Filters an {@code Authorization:} header's credentials and a {@code Bearer} token. */
  private static String filterCredentials(String argument) {
    String lower = argument.toLowerCase(Locale.ROOT);
    if (lower.contains("authorization")) {
      Matcher header = AUTHORIZATION_HEADER.matcher(argument);
      if (header.find()) {
        String scheme = header.group(2) == null ? "" : header.group(2) + " ";
        argument = argument.substring(0, header.start()) + header.group(1) + scheme + FILTERED;
      }
    }
    if (lower.contains("bearer")) {
      argument = BEARER.matcher(argument).replaceAll("$1" + Matcher.quoteReplacement(FILTERED));
    }
    return argument;
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
