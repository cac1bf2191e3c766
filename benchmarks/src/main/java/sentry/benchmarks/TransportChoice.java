package sentry.benchmarks;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import sentry.api.transport.TransportProvider;

/**
 * The transports the end-to-end runs are repeated with, one JVM each, chosen by name with the
 * SDK's own switch, the system property {@code sentry.transport}. A transport is run when it is on
 * the benchmark's class path: found as a {@link TransportProvider} (as {@code sentry-transport-jdk}
 * and {@code sentry-transport-httpcore} are), or, for {@code httpcore}, built into {@code
 * sentry-core} as it was before it became a module of its own. One that is missing is named in
 * the report, not silently replaced: the SDK would fall back to another transport.
 */
final class TransportChoice {
  /** The transports the report has a line for, in its order, with the module that brings each. */
  static final Map<String, String> MODULES = new LinkedHashMap<>();

  static {
    MODULES.put("jdk", "sentry-transport-jdk");
    MODULES.put("httpcore", "sentry-transport-httpcore");
  }

  /** The SDK's system property that picks a transport by name. */
  static final String PROPERTY = "sentry.transport";

  /** The HttpCore transport inside sentry-core, before it moved to its own module. */
  private static final String BUILT_IN_HTTPCORE = "sentry.core.transport.HttpTransport";

  private TransportChoice() {}

  /**
   * Returns the names of the transports on this JVM's class path (the children share it), of those
   * in {@link #MODULES}.
   *
   * @return the names, in the order of {@link #MODULES}
   */
  static List<String> found() {
    List<String> providers = new ArrayList<>();
    Iterator<TransportProvider> it = ServiceLoader.load(TransportProvider.class).iterator();
    while (true) {
      try {
        if (!it.hasNext()) {
          break;
        }
        providers.add(it.next().name());
      } catch (ServiceConfigurationError | LinkageError e) {
        System.err.println("benchmarks: skipping a transport provider that cannot be loaded: " + e);
      }
    }
    if (present("org.apache.hc.core5.http.HttpHost") && present(BUILT_IN_HTTPCORE)) {
      providers.add("httpcore");
    }
    List<String> found = new ArrayList<>();
    for (String name : MODULES.keySet()) {
      if (providers.contains(name)) {
        found.add(name);
      }
    }
    return found;
  }

  /** Says where a transport's classes come from on this class path, for the report. */
  static String origin(String name) {
    if (name.equals("httpcore") && present(BUILT_IN_HTTPCORE)) {
      return "built into sentry-core";
    }
    return MODULES.getOrDefault(name, name);
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, TransportChoice.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
