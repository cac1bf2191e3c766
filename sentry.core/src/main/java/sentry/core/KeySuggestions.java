package sentry.core;

import java.util.Collection;
import java.util.Locale;

/**
 * Finds the known option key nearest to an unknown one: the same key in another spelling
 * ({@code sampleRate}, {@code sample_rate}, {@code SAMPLE-RATE} are {@code sample-rate}), else
 * the closest by edit distance, within two edits.
 */
final class KeySuggestions {
  private static final int MAX_EDITS = 2;

  private KeySuggestions() {}

  /**
   * Returns the known key nearest to an unknown one.
   *
   * @param unknown the key as written
   * @param known the known keys, in the order to prefer on a tie
   * @return the nearest known key, or null when none is close
   */
  static String nearest(String unknown, Collection<String> known) {
    String normal = normalize(unknown);
    if (known.contains(normal)) {
      return normal;
    }
    String best = null;
    int bestDistance = MAX_EDITS + 1;
    for (String key : known) {
      int distance = distance(normal, key);
      if (distance < bestDistance) {
        best = key;
        bestDistance = distance;
      }
    }
    return best;
  }

  /** camelCase and snake_case to kebab-case, lower case. */
  static String normalize(String key) {
    StringBuilder out = new StringBuilder(key.length() + 4);
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (Character.isUpperCase(c) && i > 0 && Character.isLowerCase(key.charAt(i - 1))) {
        out.append('-');
      }
      out.append(c == '_' ? '-' : c);
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }

  /** Levenshtein distance. */
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] row = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      row[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        row[j] = Math.min(substitution, Math.min(previous[j] + 1, row[j - 1] + 1));
      }
      int[] swap = previous;
      previous = row;
      row = swap;
    }
    return previous[b.length()];
  }
}
