package sentry.integration.argv;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import sentry.api.Integration;
import sentry.api.IntegrationContext;
import sentry.api.EventDefaults;
import sentry.api.internal.SecretFilter;

/**
 * Adds the program's command line to every event as {@code extra["sys.argv"]}, a list of strings:
 * the program first (the main class, the {@code -jar} file, the {@code -m} module with its
 * optional class, or the source file in source-file mode), then the program's arguments. The
 * JVM's own options ({@code -Xmx…}, {@code -D…}, {@code -cp …}, {@code --add-opens …}) are not
 * part of it. For {@code java -Xmx1g -cp app.jar com.example.Main --port 8080} that is {@code
 * ["com.example.Main", "--port", "8080"]}.
 *
 * <p>Where it comes from: the process's argument array ({@link ProcessHandle.Info#arguments()}),
 * parsed like the {@code java} launcher parses it, including {@code @argfiles}, when it agrees
 * with the JVM's {@code sun.java.command} property; otherwise that property split at spaces (an
 * argument that contains spaces then shows as several). Where the JVM exposes neither (an
 * embedded JVM), events get no {@code sys.argv}. An event that already has {@code sys.argv} in
 * its extra keeps it.
 *
 * <p>Unless {@code sendDefaultPii} is on, the values of secret-looking arguments become {@code
 * [Filtered]}: {@code --password=…} and {@code key=…} (the value after {@code =}), {@code --token
 * …} (the next argument, unless it is itself a {@code --} option), and passwords and sensitive
 * query parameters inside URLs. Whether an option is sensitive depends on its name only, compared
 * case-insensitively by words: a word that is, or ends with, one of {@link #DEFAULT_SENSITIVE_WORDS}
 * or the words passed to {@link #ArgvIntegration(Collection)} ({@code --db-password}, {@code
 * apiToken}, {@code STOREPASS}). This errs on the side of filtering: {@code --key-file path} loses
 * its path too.
 *
 * <p>The command line is read and filtered once per {@code Sentry.init}; each event gets its own
 * mutable copy of the list. Thread-safe.
 */
public final class ArgvIntegration implements Integration {
  /** The identifier, {@value}, for {@code SentryOptions.addDisabledIntegration}. */
  public static final String IDENTIFIER = "argv";
  /** The key of the command line in an event's extra data: {@value}, as Sentry's Python SDK names it. */
  public static final String EXTRA_KEY = "sys.argv";
  /** The words that make an option sensitive, lower case. */
  public static final Set<String> DEFAULT_SENSITIVE_WORDS = Set.of(
      "password", "passwd", "pwd", "pass", "passphrase", "secret", "token", "key", "apikey", "auth",
      "authorization", "credential", "credentials", "cookie", "bearer", "jwt", "dsn", "sessionid");

  private final Set<String> sensitiveWords;

  /** Makes the integration with the default sensitive words; the service loader uses it too. */
  public ArgvIntegration() {
    this.sensitiveWords = DEFAULT_SENSITIVE_WORDS;
  }

  /**
   * Makes the integration with more sensitive words than the defaults.
   *
   * @param moreSensitiveWords words added to {@link #DEFAULT_SENSITIVE_WORDS}, such as {@code
   *     "pin"}; compared case-insensitively
   * @throws IllegalArgumentException if a word is blank or not only letters and digits
   * @throws NullPointerException if the collection or a word is null
   */
  public ArgvIntegration(Collection<String> moreSensitiveWords) {
    Set<String> words = new LinkedHashSet<>(DEFAULT_SENSITIVE_WORDS);
    for (String word : moreSensitiveWords) {
      if (word.isEmpty() || !word.chars().allMatch(Character::isLetterOrDigit)) {
        throw new IllegalArgumentException("argv integration: sensitive word \"" + word
            + "\" is not a word: expected letters and digits only, matched against the words of an option name");
      }
      words.add(word.toLowerCase(Locale.ROOT));
    }
    this.sensitiveWords = Set.copyOf(words);
  }

  /**
   * Returns {@value #IDENTIFIER}.
   *
   * @return the identifier
   */
  @Override
  public String identifier() {
    return IDENTIFIER;
  }

  /**
   * Gives the client the command line, filtered unless the client's options allow personal data,
   * as every event's default extra data (written where the event has none); nothing when the
   * command line is unknown. The command line (and any {@code @argfiles} in it) is read on the
   * first event, not here: that is on the SDK's thread unless a callback needs the event first.
   *
   * @param context the client's registration context
   */
  @Override
  public void register(IntegrationContext context) {
    boolean sendDefaultPii = context.options().isSendDefaultPii();
    context.addEventDefaults(new EventDefaults() {
      private volatile List<String> commandLine;

      @Override
      public Map<String, Object> extra() {
        List<String> read = commandLine;
        if (read == null) {
          // Read at most a few times if events race here; each read gives the same list.
          read = commandLine(CommandLine.current(), sendDefaultPii);
          commandLine = read;
        }
        // A copy per event: callbacks may change the event's extra data, and an immutable list
        // would make such a change throw.
        return read.isEmpty() ? Map.of() : Map.of(EXTRA_KEY, new ArrayList<>(read));
      }
    });
  }

  /** The command line as events get it: filtered unless personal data may be sent. */
  List<String> commandLine(List<String> raw, boolean sendDefaultPii) {
    return List.copyOf(sendDefaultPii ? raw : secretFilter(sensitiveWords).apply(raw));
  }

  /**
   * The filter of a command line: sensitive words as given, and {@code ;} separating query
   * parameters inside arguments, as in JDBC URLs.
   */
  static SecretFilter secretFilter(Set<String> sensitiveWords) {
    return new SecretFilter(sensitiveWords).withSemicolonQueryParameters();
  }

  @Override
  public String toString() {
    return "ArgvIntegration";
  }
}
