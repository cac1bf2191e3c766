package sentry.core.transport;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import sentry.api.transport.TransportConfig;
import sentry.api.transport.TransportProvider;
import sentry.core.log.SdkLog;

/**
 * Chooses the {@link Transport} of a new dispatcher among every {@link TransportProvider} found
 * with {@link ServiceLoader} ({@code httpcore} from sentry.transport.httpcore at priority 10,
 * {@code jdk} from sentry.transport.jdk at 5, a user's own). The rule: the one named by the
 * system property {@code sentry.transport} (or the variable {@code SENTRY_TRANSPORT}) when set,
 * else the highest priority, on a tie the first by name. A provider that cannot be loaded or
 * fails to make its transport is warned about and skipped, as SLF4J skips a broken provider.
 * Debug says which was chosen. With none at all, every send fails, so that each event is counted
 * as a {@code network_error}, and a warning names the modules to add.
 */
public final class Transports {
  private static final SdkLog LOG = SdkLog.get("sentry.core.transport.Dispatcher");

  private Transports() {}

  /**
   * Chooses the provider, says so in debug, and makes its transport; a provider that fails to make
   * its transport is warned about, and the next is tried. The dispatcher calls it on its worker:
   * finding the providers and starting an HTTP client (its classes, its I/O thread) is no work for
   * the thread that calls {@code init}.
   *
   * @param settings where and how to send
   * @return the transport, never null
   */
  public static Transport choose(TransportSettings settings) {
    List<TransportProvider> providers = providers();
    providers.sort(Comparator.comparingInt(TransportProvider::priority).reversed()
        .thenComparing(TransportProvider::name));
    String wanted = wanted();
    if (wanted != null) {
      List<TransportProvider> named = providers.stream().filter(p -> p.name().equals(wanted)).toList();
      if (named.isEmpty()) {
        LOG.warn("transport \"{}\" (sentry.transport) not found; found: {}", wanted, names(providers));
      } else {
        providers = new ArrayList<>(named);
      }
    }
    if (providers.isEmpty()) {
      LOG.warn("no transport found: nothing will be sent. Add sentry-transport-jdk (module sentry.transport.jdk)"
          + " or sentry-transport-httpcore (module sentry.transport.httpcore)");
      return new Missing();
    }
    TransportProvider first = providers.get(0);
    if (SdkLog.isDebug()) {
      LOG.debug("transport: {} (priority {}; found {})", first.name(), first.priority(), names(providers));
    }
    return make(providers, config(settings));
  }

  private static Transport make(List<TransportProvider> providers, TransportConfig config) {
    for (int i = 0; i < providers.size(); i++) {
      TransportProvider provider = providers.get(i);
      try {
        if (i > 0) {
          LOG.debug("transport: {} (priority {})", provider.name(), provider.priority());
        }
        return new Provided(provider.name(), provider.create(config));
      } catch (Exception | LinkageError e) {
        // Exception: also a checked one a provider throws without declaring it (Kotlin, Lombok).
        LOG.warn("transport provider {} failed, trying the next: {}", provider.name(), e, e);
      }
    }
    LOG.warn("no transport could be made: nothing will be sent. Found: {}", names(providers));
    return new Missing();
  }

  private static String wanted() {
    String named = System.getProperty("sentry.transport");
    if (named == null || named.isBlank()) {
      named = System.getenv("SENTRY_TRANSPORT");
    }
    return named == null || named.isBlank() ? null : named.strip();
  }

  /** What a provider's transport needs of the settings. */
  static TransportConfig config(TransportSettings settings) {
    return new TransportConfig(settings.endpoint(), settings.authHeader(), settings.userAgent(),
        settings.connectTimeout(), settings.readTimeout(), settings.proxy(), settings.maxRequestsInFlight(),
        settings.responseTimeout(), settings.maxResponseBodyBytes());
  }

  private static List<TransportProvider> providers() {
    List<TransportProvider> found = new ArrayList<>();
    Iterator<TransportProvider> it =
        ServiceLoader.load(TransportProvider.class, Transports.class.getClassLoader()).iterator();
    while (true) {
      try {
        if (!it.hasNext()) {
          return found;
        }
        found.add(it.next());
      } catch (ServiceConfigurationError | LinkageError e) {
        LOG.warn("skipping a transport provider that cannot be loaded: {}", e.toString());
      }
    }
  }

  /** No transport at all: every send fails, so that what it was given is counted. */
  private static final class Missing implements Transport {
    @Override
    public CompletableFuture<Response> send(byte[] gzippedEnvelope) {
      return CompletableFuture.failedFuture(new IOException("no transport: add sentry-transport-jdk"));
    }

    @Override
    public void close(Duration timeout) {
      // Nothing to release.
    }
  }

  private static List<String> names(List<TransportProvider> providers) {
    return providers.stream().map(p -> p.name() + " " + p.priority()).toList();
  }

  /** A provider's transport, seen as the engine's. */
  private static final class Provided implements Transport {
    private final String name;
    private final sentry.api.transport.Transport transport;

    Provided(String name, sentry.api.transport.Transport transport) {
      this.name = name;
      this.transport = transport;
    }

    @Override
    public CompletableFuture<Response> send(byte[] gzippedEnvelope) {
      return transport.send(gzippedEnvelope)
          .thenApply(answer -> new Response(answer.status(), answer.retryAfter(), answer.rateLimits()));
    }

    @Override
    public void close(Duration timeout) {
      transport.close(timeout);
    }

    @Override
    public String toString() {
      return "Transport[" + name + "]";
    }
  }
}
