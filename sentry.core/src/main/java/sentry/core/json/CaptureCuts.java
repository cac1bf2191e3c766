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
 *
 * <p>What the scope keeps is shared by reference with the events the SDK writes without a
 * callback, so its containers are unmodifiable at every level (a breadcrumb's own data map
 * excepted: the API gives no way to freeze it, and the SDK never hands a kept breadcrumb to
 * application code). An event that a callback or the application may change gets its own mutable
 * copies instead ({@link #owned(Object)}, {@link #owned(Breadcrumb)}). Stateless and thread-safe.
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
   * Copies a breadcrumb as the scope keeps it: its message, type, category, data keys and data
   * values cut, the containers inside its data unmodifiable.
   *
   * @param crumb the breadcrumb, which is left as it is
   * @param max the longest string, at least 1
   * @return the copy
   */
  public static Breadcrumb breadcrumb(Breadcrumb crumb, int max) {
    return breadcrumb(crumb, max, true);
  }

  /**
   * Copies a breadcrumb the scope keeps for an event that a callback or the application may
   * change: nothing is cut again, and its data is mutable at every level.
   *
   * @param crumb the breadcrumb, which is left as it is
   * @return the event's own copy
   */
  public static Breadcrumb owned(Breadcrumb crumb) {
    return breadcrumb(crumb, Integer.MAX_VALUE, false);
  }

  private static Breadcrumb breadcrumb(Breadcrumb crumb, int max, boolean frozen) {
    // Stamped with the original's time: the copy reads no clock (a null time, set against the
    // API's rule, is kept as it was).
    Instant at = crumb.getTimestamp();
    Breadcrumb copy = (at != null ? new Breadcrumb(at) : new Breadcrumb().setTimestamp(at))
        .setType(text(crumb.getType(), max))
        .setCategory(text(crumb.getCategory(), max))
        .setMessage(text(crumb.getMessage(), max))
        .setLevel(crumb.getLevel());
    if (crumb.hasData()) {
      copy.getData().putAll(map(crumb.getData(), new Copier(max, frozen)));
    }
    return copy;
  }

  /**
   * Copies a map as the scope keeps it: keys as strings, values as {@link #value} copies them.
   *
   * @param map the map
   * @param max the longest string, at least 1
   * @return an ordered, unmodifiable copy; a map that cannot be read gives one entry saying so
   */
  public static Map<String, Object> map(Map<?, ?> map, int max) {
    return map(map, new Copier(max, true));
  }

  /**
   * Copies a map the scope keeps (a context) for an event that a callback or the application may
   * change: nothing is cut again, and it is mutable at every level.
   *
   * @param map the map
   * @return the event's own ordered copy
   */
  public static Map<String, Object> owned(Map<?, ?> map) {
    return map(map, new Copier(Integer.MAX_VALUE, false));
  }

  private static Map<String, Object> map(Map<?, ?> map, Copier copier) {
    Object copy = copier.copy(map, 0);
    if (copy instanceof Map<?, ?>) {
      @SuppressWarnings("unchecked") // made by Copier.map, with string keys
      Map<String, Object> strings = (Map<String, Object>) copy;
      return strings;
    }
    Map<String, Object> unreadable = new LinkedHashMap<>();
    unreadable.put("<unreadable>", copy);
    return copier.frozen ? Collections.unmodifiableMap(unreadable) : unreadable;
  }

  /**
   * Copies a value as the scope keeps it: a map, collection or array as an unmodifiable map or
   * list at every level.
   *
   * @param value the value, or null
   * @param max the longest string, at least 1
   * @return the copy, or null for null
   */
  public static Object value(Object value, int max) {
    return new Copier(max, true).copy(value, 0);
  }

  /**
   * Copies a value the scope keeps (an extra) for an event that a callback or the application may
   * change: a container is copied, mutable at every level, and nothing is cut again; any other
   * value is returned as it is.
   *
   * @param value the value, or null
   * @return the event's own copy, or the value itself when it holds nothing to change
   */
  public static Object owned(Object value) {
    return isContainer(value) ? new Copier(Integer.MAX_VALUE, false).copy(value, 0) : value;
  }

  private static boolean isContainer(Object value) {
    return value instanceof Map<?, ?> || value instanceof Collection<?> || Copier.isArray(value);
  }

  /** One copy: the path for cycles and the count of values copied. */
  private static final class Copier {
    private final int max;
    /** Whether the containers it makes are unmodifiable: for the scope, not for an event. */
    private final boolean frozen;
    private final Set<Object> path = Collections.newSetFromMap(new IdentityHashMap<>());
    private int nodes;

    Copier(int max, boolean frozen) {
      this.max = max;
      this.frozen = frozen;
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
      if (!isContainer(value)) {
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
      return frozen ? Collections.unmodifiableMap(copy) : copy;
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
      return frozen ? Collections.unmodifiableList(copy) : copy;
    }

    static boolean isArray(Object value) {
      if (value == null) {
        return false;
      }
      try {
        return value.getClass().isArray();
      } catch (Throwable e) {
        return false;
      }
    }
  }
}
