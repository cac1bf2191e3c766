package sentry.integration.argv;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code java} launcher's argument files ({@code java @file}): reading one and splitting it
 * into arguments the way the launcher does.
 */
final class ArgFiles {
  /** Larger files are not read: no real argument file comes near it. */
  static final long MAX_BYTES = 16L << 20;

  /** Reads an argument file by the name given on the command line. */
  @FunctionalInterface
  interface Reader {
    /**
     * Reads a file.
     *
     * @param name the name after the {@code @}, relative to the working directory
     * @return its text, or empty when it cannot be read
     */
    Optional<String> read(String name);
  }

  /** Reads from the file system, in the platform's default charset, as the launcher does. */
  static final Reader FILE_SYSTEM = name -> {
    try {
      Path path = Path.of(name);
      if (Files.size(path) > MAX_BYTES) {
        return Optional.empty();
      }
      return Optional.of(Files.readString(path, Charset.defaultCharset()));
    } catch (IOException | InvalidPathException | SecurityException e) {
      // Gone (some tools delete it once the JVM runs) or unreadable: the caller falls back.
      return Optional.empty();
    }
  };

  private ArgFiles() {}

  /**
   * Splits an argument file into arguments by the launcher's rules: white space separates
   * arguments; single or double quotes group (and may start mid-argument); inside quotes a
   * backslash escapes ({@code \n}, {@code \r}, {@code \t}, {@code \f}, or the character itself),
   * and a backslash at the end of a line joins the next line without its leading white space; an
   * unclosed quote ends at the end of the line; {@code #} outside quotes starts a comment to the
   * end of the line. Backslashes outside quotes are kept (Windows paths).
   *
   * @param text the file's text
   * @return the arguments
   */
  static List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    StringBuilder token = new StringBuilder();
    boolean inToken = false;
    char quote = 0;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
          i++;
        } else if (c == '\\' && i + 1 < n) {
          i = escape(text, i + 1, token);
        } else if (c == '\n' || c == '\r') {
          quote = 0;
          inToken = end(tokens, token, inToken);
          i++;
        } else {
          token.append(c);
          i++;
        }
      } else if (isSpace(c)) {
        inToken = end(tokens, token, inToken);
        i++;
      } else if (c == '#') {
        inToken = end(tokens, token, inToken);
        while (i < n && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
          i++;
        }
      } else {
        if (c == '"' || c == '\'') {
          quote = c;
        } else {
          token.append(c);
        }
        inToken = true;
        i++;
      }
    }
    end(tokens, token, inToken);
    return tokens;
  }

  /** Handles the character after a backslash inside quotes; returns the next index to read. */
  private static int escape(String text, int at, StringBuilder token) {
    char e = text.charAt(at);
    if (e == '\n' || e == '\r') {
      int i = at + 1;
      while (i < text.length() && (isSpace(text.charAt(i)))) {
        i++;
      }
      return i;
    }
    token.append(switch (e) {
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 't' -> '\t';
      case 'f' -> '\f';
      default -> e;
    });
    return at + 1;
  }

  private static boolean end(List<String> tokens, StringBuilder token, boolean inToken) {
    if (inToken) {
      tokens.add(token.toString());
      token.setLength(0);
    }
    return false;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
  }
}
