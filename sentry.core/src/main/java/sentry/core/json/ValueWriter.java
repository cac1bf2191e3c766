package sentry.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.lang.reflect.Array;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Writes the application's values (extra, context and breadcrumb data) as JSON, whatever they
 * are. Maps, collections, arrays, strings, numbers, booleans, characters, enums and null are
 * written as themselves; anything else as its {@code toString()}. Nothing the values do can
 * break the output: a {@code toString()} or a collection that throws becomes a marker string,
 * cycles and nesting deeper than {@value #MAX_DEPTH} become markers, and a container stops after
 * {@value #MAX_ITEMS} entries or once the output passes its byte budget. The values of map keys
 * its {@link EventScrubber} denies become {@value EventScrubber#FILTERED}, at every depth. Not
 * thread-safe.
 */
final class ValueWriter {
  static final int MAX_DEPTH = 10;
  static final int MAX_ITEMS = 1000;
  static final String CYCLE = "<cyclic>";
  static final String TOO_DEEP = "<too deep>";

  private final JsonGenerator out;
  private final LongSupplier written;
  private final long budget;
  private final int maxChars;
  private final Set<Object> path = Collections.newSetFromMap(new IdentityHashMap<>());
  private final EventScrubber scrubber;
  private EventScrubber active;

  /**
   * Makes a writer.
   *
   * @param out the generator
   * @param written how many bytes the output holds so far
   * @param budget past this many bytes containers stop early (the event is over its limit then
   *     anyway and gets shrunk; this only keeps a huge value from costing time and memory)
   * @param maxChars the longest string written
   * @param scrubber what it filters out of maps
   */
  ValueWriter(JsonGenerator out, LongSupplier written, long budget, int maxChars, EventScrubber scrubber) {
    this.out = out;
    this.written = written;
    this.budget = budget;
    this.maxChars = maxChars;
    this.scrubber = scrubber;
    this.active = scrubber;
  }

  /**
   * Writes a map's entries as {@link #fields} does, but without scrubbing (module names are not
   * the application's data).
   *
   * @param map the map
   * @param depth the depth of the values
   */
  void unscrubbedFields(Map<?, ?> map, int depth) throws IOException {
    active = EventScrubber.NONE;
    try {
      fields(map, depth);
    } finally {
      active = scrubber;
    }
  }

  /**
   * Writes any value.
   *
   * @param value the value, or null
   * @param depth how many containers of the application's enclose it
   */
  void write(Object value, int depth) throws IOException {
    if (value == null) {
      out.writeNull();
    } else if (value instanceof String text) {
      string(text);
    } else if (value instanceof Boolean flag) {
      out.writeBoolean(flag);
    } else if (value instanceof Number number) {
      number(number);
    } else if (value instanceof Character c) {
      string(String.valueOf(c.charValue()));
    } else if (value instanceof Enum<?> constant) {
      string(constant.name());
    } else if (value instanceof Map<?, ?> || value instanceof Collection<?> || value.getClass().isArray()) {
      container(value, depth);
    } else {
      String text = describe(value);
      if (text == null) {
        out.writeNull();
      } else {
        string(text);
      }
    }
  }

  /**
   * Writes a map's entries as fields of the object that is open: the keys as strings, each at most
   * once (two keys may read the same once cut or cleaned; the first wins).
   *
   * @param map the map
   * @param depth the depth of the values
   */
  void fields(Map<?, ?> map, int depth) throws IOException {
    List<Map.Entry<?, ?>> entries = snapshot(map);
    if (entries == null) {
      out.writeStringField("<unreadable>", unreadable(map));
    } else {
      entries(entries, depth);
    }
  }

  private void entries(List<Map.Entry<?, ?>> entries, int depth) throws IOException {
    Set<String> keys = new HashSet<>();
    int count = 0;
    for (Map.Entry<?, ?> entry : entries) {
      if (count++ >= MAX_ITEMS || overBudget()) {
        break;
      }
      Object rawKey;
      Object value;
      try {
        rawKey = entry.getKey();
        value = entry.getValue();
      } catch (Throwable e) {
        continue; // an entry of a map of the application's own making that cannot be read
      }
      String key = String.valueOf(rawKey instanceof String text ? text : describe(rawKey));
      key = Text.clean(key, maxChars);
      if (keys.add(key)) {
        out.writeFieldName(key);
        if (active.isDenied(key)) {
          out.writeString(EventScrubber.FILTERED);
        } else {
          write(value, depth);
        }
      }
    }
  }

  private void container(Object value, int depth) throws IOException {
    if (depth >= MAX_DEPTH) {
      out.writeString(TOO_DEEP);
      return;
    }
    if (!path.add(value)) {
      out.writeString(CYCLE);
      return;
    }
    try {
      if (value instanceof Map<?, ?> map) {
        List<Map.Entry<?, ?>> entries = snapshot(map);
        if (entries == null) {
          out.writeString(unreadable(value));
          return;
        }
        out.writeStartObject();
        entries(entries, depth + 1);
        out.writeEndObject();
      } else {
        List<?> items = elements(value);
        if (items == null) {
          out.writeString(unreadable(value));
          return;
        }
        array(items, depth + 1);
      }
    } finally {
      path.remove(value);
    }
  }

  private void array(List<?> items, int depth) throws IOException {
    out.writeStartArray();
    int count = 0;
    for (Object item : items) {
      if (count++ >= MAX_ITEMS || overBudget()) {
        break;
      }
      write(item, depth);
    }
    out.writeEndArray();
  }

  private void number(Number number) throws IOException {
    if (number instanceof Integer || number instanceof Long || number instanceof Short
        || number instanceof Byte || number instanceof AtomicInteger || number instanceof AtomicLong) {
      out.writeNumber(number.longValue());
    } else if (number instanceof Float f && Float.isFinite(f)) {
      out.writeNumber(f.floatValue());
    } else if (number instanceof BigInteger big && big.bitLength() < 64) {
      out.writeNumber(big.longValue());
    } else {
      // Doubles, BigDecimal and the rest: a finite double, else text (NaN, Infinity and numbers
      // too large for a double are not JSON numbers a parser on the other side would take).
      double d;
      try {
        d = number.doubleValue();
      } catch (Throwable e) {
        d = Double.NaN;
      }
      if (Double.isFinite(d) && !(number instanceof BigInteger)) {
        out.writeNumber(d);
      } else {
        String text =
            number instanceof Double || number instanceof Float ? number.toString() : describe(number);
        string(text == null ? "null" : text);
      }
    }
  }

  private void string(String text) throws IOException {
    out.writeString(Text.clean(text, maxChars));
  }

  private boolean overBudget() {
    return written.getAsLong() > budget;
  }

  /** Copies a map's entries first, so a map that throws half-way leaves no half-written object. */
  static List<Map.Entry<?, ?>> snapshot(Map<?, ?> map) {
    try {
      return new ArrayList<>(map.entrySet());
    } catch (Throwable e) {
      return null;
    }
  }

  static List<?> elements(Object value) {
    try {
      if (value instanceof Collection<?> collection) {
        return Arrays.asList(collection.toArray());
      }
      if (value instanceof Object[] objects) {
        return Arrays.asList(objects);
      }
      int length = Math.min(Array.getLength(value), MAX_ITEMS);
      List<Object> items = new ArrayList<>(length);
      for (int i = 0; i < length; i++) {
        items.add(Array.get(value, i));
      }
      return items;
    } catch (Throwable e) {
      return null;
    }
  }

  /**
   * Returns {@code String.valueOf(value)}, or a marker naming the exception when
   * {@code toString()} throws.
   *
   * @param value the value
   * @return the text; null only when {@code toString()} returned null
   */
  static String describe(Object value) {
    try {
      return String.valueOf(value);
    } catch (Throwable e) {
      return "<toString failed: " + e.getClass().getName() + ">";
    }
  }

  static String unreadable(Object value) {
    return "<unreadable " + value.getClass().getName() + ">";
  }
}
