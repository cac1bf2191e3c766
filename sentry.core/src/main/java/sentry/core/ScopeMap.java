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
 * copied on write as two small arrays. A scope holds a few dozen keys at most, so a change copies
 * a few references instead of a hash map's entries, and a snapshot shares the map by reference.
 * Lookups compare hash codes first, then keys. Null keys and values are not allowed; the
 * {@link Map} methods that would change it throw {@link UnsupportedOperationException}.
 *
 * @param <V> the type of the values
 */
final class ScopeMap<V> extends AbstractMap<String, V> {
  private static final ScopeMap<?> EMPTY = new ScopeMap<>(new String[0], new int[0], new Object[0]);

  private final String[] keys;
  private final int[] hashes;
  private final Object[] values;

  private ScopeMap(String[] keys, int[] hashes, Object[] values) {
    this.keys = keys;
    this.hashes = hashes;
    this.values = values;
  }

  @SuppressWarnings("unchecked") // holds no value
  static <V> ScopeMap<V> empty() {
    return (ScopeMap<V>) EMPTY;
  }

  /** Returns the map with {@code key} set to {@code value}: in its place if it was there, else last. */
  ScopeMap<V> with(String key, V value) {
    int at = indexOf(key);
    if (at >= 0) {
      if (values[at] == value) {
        return this;
      }
      Object[] changed = values.clone();
      changed[at] = value;
      return new ScopeMap<>(keys, hashes, changed);
    }
    int n = keys.length;
    String[] k = Arrays.copyOf(keys, n + 1);
    int[] h = Arrays.copyOf(hashes, n + 1);
    Object[] v = Arrays.copyOf(values, n + 1);
    k[n] = key;
    h[n] = key.hashCode();
    v[n] = value;
    return new ScopeMap<>(k, h, v);
  }

  /** Returns the map without {@code key}; this map when it has no such key. */
  ScopeMap<V> without(String key) {
    int at = indexOf(key);
    if (at < 0) {
      return this;
    }
    int n = keys.length - 1;
    if (n == 0) {
      return empty();
    }
    String[] k = new String[n];
    int[] h = new int[n];
    Object[] v = new Object[n];
    System.arraycopy(keys, 0, k, 0, at);
    System.arraycopy(hashes, 0, h, 0, at);
    System.arraycopy(values, 0, v, 0, at);
    System.arraycopy(keys, at + 1, k, at, n - at);
    System.arraycopy(hashes, at + 1, h, at, n - at);
    System.arraycopy(values, at + 1, v, at, n - at);
    return new ScopeMap<>(k, h, v);
  }

  private int indexOf(Object key) {
    if (!(key instanceof String text)) {
      return -1;
    }
    int hash = text.hashCode();
    for (int i = 0; i < keys.length; i++) {
      if (hashes[i] == hash && keys[i].equals(text)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public int size() {
    return keys.length;
  }

  @Override
  public boolean isEmpty() {
    return keys.length == 0;
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  @SuppressWarnings("unchecked") // only values of type V are put in
  public V get(Object key) {
    int at = indexOf(key);
    return at < 0 ? null : (V) values[at];
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
            return next < keys.length;
          }

          @Override
          @SuppressWarnings("unchecked") // only values of type V are put in
          public Entry<String, V> next() {
            if (next >= keys.length) {
              throw new NoSuchElementException();
            }
            int at = next++;
            return new SimpleImmutableEntry<>(keys[at], (V) values[at]);
          }
        };
      }

      @Override
      public int size() {
        return keys.length;
      }
    };
  }
}
