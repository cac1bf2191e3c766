package sentry.core.json;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import sentry.api.Breadcrumb;

/**
 * What a scope keeps of the application's values, cut when they are added rather than when an
 * event is written, so that a scope never holds more than the {@code maxValueLength} option of
 * any string (150 breadcrumbs of 5 MB cost 150 cut copies, not 750 MB). The JSON written later is
 * the same as {@link ValueWriter} would write from the originals: strings cut the same way, maps
 * with string keys, collections and arrays as lists, numbers, booleans, characters and enums as
 * they are, anything else as its {@code toString()}, made now. Like {@link ValueWriter}, it never
 * throws: what the application's objects throw, even an {@link Error}, becomes a marker string.
 * Stateless and thread-safe.
 */
public final class CaptureCuts {
  /** The default of the {@code maxValueLength} option. */
  public static final int DEFAULT_MAX_VALUE_LENGTH = Text.MAX_CHARS;
  /** The most values copied out of one value: past it, containers stop early. */
  private static final int MAX_NODES = 10 * ValueWriter.MAX_ITEMS;

  private CaptureCuts() {}

  /**
   * Cuts a string.
   *
   * @param text the string, or null
   * @param max the longest result, at least 1
   * @return the string itself when short enough, a cut copy ending in {@code "..."} otherwise, or
   *     null for null
   */
  public static String text(String text, int max) {
    return text == null ? null : Text.clean(text, max);
  }

  /**
   * Copies a breadcrumb with its message, type, category, data keys and data values cut.
   *
   * @param crumb the breadcrumb, which is left as it is
   * @param max the longest string, at least 1
   * @return the copy
   */
  public static Breadcrumb breadcrumb(Breadcrumb crumb, int max) {
    // Stamped with the original's time: the copy reads no clock (a null time, set against the
    // API's rule, is kept as it was).
    Instant at = crumb.getTimestamp();
    Breadcrumb copy = (at != null ? new Breadcrumb(at) : new Breadcrumb().setTimestamp(at))
        .setType(text(crumb.getType(), max))
        .setCategory(text(crumb.getCategory(), max))
        .setMessage(text(crumb.getMessage(), max))
        .setLevel(crumb.getLevel());
    if (crumb.hasData()) {
      copy.getData().putAll(map(crumb.getData(), max));
    }
    return copy;
  }

  /**
   * Copies a map's entries, keys as strings and values as {@link #value} copies them.
   *
   * @param map the map
   * @param max the longest string, at least 1
   * @return an ordered copy; a map that cannot be read gives one entry saying so
   */
  public static Map<String, Object> map(Map<?, ?> map, int max) {
    Copier copier = new Copier(max);
    Object copy = copier.copy(map, 0);
    if (copy instanceof Map<?, ?>) {
      @SuppressWarnings("unchecked") // made by Copier.map, with string keys
      Map<String, Object> strings = (Map<String, Object>) copy;
      return strings;
    }
    Map<String, Object> unreadable = new LinkedHashMap<>();
    unreadable.put("<unreadable>", copy);
    return unreadable;
  }

  /**
   * Copies a value as the scope keeps it.
   *
   * @param value the value, or null
   * @param max the longest string, at least 1
   * @return the copy, or null for null
   */
  public static Object value(Object value, int max) {
    return new Copier(max).copy(value, 0);
  }

  /** One copy: the path for cycles and the count of values copied. */
  private static final class Copier {
    private final int max;
    private final Set<Object> path = Collections.newSetFromMap(new IdentityHashMap<>());
    private int nodes;

    Copier(int max) {
      this.max = max;
    }

    Object copy(Object value, int depth) {
      nodes++;
      if (value == null || value instanceof Boolean || value instanceof Number || value instanceof Character
          || value instanceof Enum<?>) {
        return value;
      }
      if (value instanceof String text) {
        return Text.clean(text, max);
      }
      boolean container = value instanceof Map<?, ?> || value instanceof Collection<?> || isArray(value);
      if (!container) {
        String text = ValueWriter.describe(value);
        return text == null ? null : Text.clean(text, max);
      }
      if (depth >= ValueWriter.MAX_DEPTH) {
        return ValueWriter.TOO_DEEP;
      }
      if (!path.add(value)) {
        return ValueWriter.CYCLE;
      }
      try {
        return value instanceof Map<?, ?> map ? map(map, depth) : list(value, depth);
      } finally {
        path.remove(value);
      }
    }

    private Object map(Map<?, ?> map, int depth) {
      List<Map.Entry<?, ?>> entries = ValueWriter.snapshot(map);
      if (entries == null) {
        return ValueWriter.unreadable(map);
      }
      Map<String, Object> copy = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : entries) {
        if (copy.size() >= ValueWriter.MAX_ITEMS || nodes >= MAX_NODES) {
          break;
        }
        Object key;
        Object item;
        try {
          key = entry.getKey();
          item = entry.getValue();
        } catch (Throwable e) {
          continue; // as ValueWriter: an entry that cannot be read is left out
        }
        String name = Text.clean(String.valueOf(key instanceof String text ? text : ValueWriter.describe(key)), max);
        copy.putIfAbsent(name, copy(item, depth + 1));
      }
      return copy;
    }

    private Object list(Object value, int depth) {
      List<?> items = ValueWriter.elements(value);
      if (items == null) {
        return ValueWriter.unreadable(value);
      }
      List<Object> copy = new ArrayList<>(Math.min(items.size(), ValueWriter.MAX_ITEMS));
      for (Object item : items) {
        if (copy.size() >= ValueWriter.MAX_ITEMS || nodes >= MAX_NODES) {
          break;
        }
        copy.add(copy(item, depth + 1));
      }
      return copy;
    }

    private static boolean isArray(Object value) {
      try {
        return value.getClass().isArray();
      } catch (Throwable e) {
        return false;
      }
    }
  }
}
