package sentry.core;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An immutable map of a scope's tags, extras or contexts, in the order the keys were first set,
 * copied on write as one small array of keys and values side by side. A scope holds a few dozen
 * keys at most, so a change copies a few references instead of a hash map's entries, and a
 * snapshot shares the map by reference. Lookups compare the keys' cached hash codes first, then
 * the keys. Null keys and values are not allowed; the {@link Map} methods that would change it
 * throw {@link UnsupportedOperationException}.
 *
 * @param <V> the type of the values
 */
final class ScopeMap<V> extends AbstractMap<String, V> {
  private static final ScopeMap<?> EMPTY = new ScopeMap<>(new Object[0]);

  /** Key, value, key, value...: each key a {@code String}; never changed once made. */
  private final Object[] entries;

  private ScopeMap(Object[] entries) {
    this.entries = entries;
  }

  @SuppressWarnings("unchecked") // holds no value
  static <V> ScopeMap<V> empty() {
    return (ScopeMap<V>) EMPTY;
  }

  /** Returns the map with {@code key} set to {@code value}: in its place if it was there, else last. */
  ScopeMap<V> with(String key, V value) {
    int at = indexOf(key);
    if (at >= 0) {
      if (entries[at + 1] == value) {
        return this;
      }
      Object[] changed = entries.clone();
      changed[at + 1] = value;
      return new ScopeMap<>(changed);
    }
    int n = entries.length;
    Object[] added = Arrays.copyOf(entries, n + 2);
    added[n] = key;
    added[n + 1] = value;
    return new ScopeMap<>(added);
  }

  /** Returns the map without {@code key}; this map when it has no such key. */
  ScopeMap<V> without(String key) {
    int at = indexOf(key);
    if (at < 0) {
      return this;
    }
    int n = entries.length - 2;
    if (n == 0) {
      return empty();
    }
    Object[] kept = new Object[n];
    System.arraycopy(entries, 0, kept, 0, at);
    System.arraycopy(entries, at + 2, kept, at, n - at);
    return new ScopeMap<>(kept);
  }

  /** The index of the key in {@link #entries}, or -1. */
  private int indexOf(Object key) {
    if (!(key instanceof String text)) {
      return -1;
    }
    int hash = text.hashCode();
    for (int i = 0; i < entries.length; i += 2) {
      Object candidate = entries[i];
      if (candidate == text || candidate.hashCode() == hash && candidate.equals(text)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public int size() {
    return entries.length / 2;
  }

  @Override
  public boolean isEmpty() {
    return entries.length == 0;
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  @SuppressWarnings("unchecked") // only values of type V are put in
  public V get(Object key) {
    int at = indexOf(key);
    return at < 0 ? null : (V) entries[at + 1];
  }

  @Override
  public Set<Entry<String, V>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Entry<String, V>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < entries.length;
          }

          @Override
          @SuppressWarnings("unchecked") // only values of type V are put in
          public Entry<String, V> next() {
            if (next >= entries.length) {
              throw new NoSuchElementException();
            }
            int at = next;
            next += 2;
            return new SimpleImmutableEntry<>((String) entries[at], (V) entries[at + 1]);
          }
        };
      }

      @Override
      public int size() {
        return entries.length / 2;
      }
    };
  }
}
