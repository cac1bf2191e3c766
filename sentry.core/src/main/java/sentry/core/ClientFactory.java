package sentry.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import sentry.api.Breadcrumb;
import sentry.api.SentryEvent;
import sentry.api.SentryOptions;
import sentry.core.accounting.DropRecorder;
import sentry.core.delivery.DispatchSettings;
import sentry.core.delivery.Dispatcher;
import sentry.core.json.CallerStack;
import sentry.core.json.EnvelopeWriter;
import sentry.core.json.EventDefaults;
import sentry.core.json.EventScrubber;
import sentry.core.json.EventSerializer;
import sentry.core.json.ExceptionDescriber;
import sentry.core.json.LogJson;
import sentry.core.json.SdkInfo;
import sentry.core.log.SdkGuard;
import sentry.core.outbox.OutboxSettings;
import sentry.core.transport.TransportSettings;

/** Builds a client from checked options: DSN, transport, serializer and integrations. */
final class ClientFactory {
  static final String SDK_NAME = "sentry.java.modular";
  static final String SDK_VERSION = readVersion();
  /** The sdk of envelope headers and log attributes, which give only its name and version. */
  private static final SdkInfo HEADER_SDK = new SdkInfo(SDK_NAME, SDK_VERSION, List.of(), List.of());

  private ClientFactory() {}

  /**
   * Makes the client the options describe.
   *
   * @throws IllegalArgumentException when the DSN or an explicit integration is bad
   */
  static CoreClient create(SentryOptions options) {
    String text = options.getDsn();
    boolean sending = options.isEnabled() && text != null && !text.isBlank();
    Dsn dsn = sending ? Dsn.parse(text) : null;
    ExceptionDescriber describer =
        new ExceptionDescriber(options.getInAppIncludes(), options.getInAppExcludes());
    DropRecorder drops = new DropRecorder();
    if (dsn == null) {
      return new CoreClient(options, null, null, drops, Integrations.install(options), describer);
    }
    // The dispatcher first: its worker makes and starts the transport (an HTTP client) while this
    // thread installs the integrations.
    Dispatcher dispatcher = Dispatcher.create(transportSettings(options, dsn), dispatchSettings(options, dsn), drops);
    Integrations.Installed integrations;
    try {
      integrations = Integrations.install(options);
    } catch (RuntimeException | Error e) {
      dispatcher.close(Duration.ZERO);
      throw e;
    }
    ExitGuard.watch(dispatcher, integrations.byIdentifier().containsKey("atexit"),
        options.getCacheDirPath() != null);
    EventScrubber scrubber = EventScrubber.of(options.getScrubKeys(), options.isSendDefaultPii());
    // The sdk block's packages read jar metadata: made with the serializer, on the worker.
    Supplier<SdkInfo> sdk = () -> new SdkInfo(SDK_NAME, SDK_VERSION,
        List.copyOf(integrations.byIdentifier().keySet()),
        SdkPackages.inUse(integrations.byIdentifier().values(), SDK_VERSION));
    LazyWriter writer = new LazyWriter(sdk, options.getServerName(), describer, scrubber,
        options.getMaxValueLength(), PropagationContext.TraceHead.of(dsn, options));
    prepare(writer, dispatcher);
    EnvelopeWriter checkIns = new EnvelopeWriter(HEADER_SDK, Clock.systemUTC());
    LogBatcher logs = options.isEnableLogs() ? new LogBatcher(options, dispatcher, drops, checkIns,
        new LogJson.Defaults(options.getRelease(), options.getEnvironment(), HEADER_SDK, scrubber)) : null;
    return new CoreClient(options, dsn, new CoreClient.Delivery(dispatcher, writer, checkIns, logs), drops,
        integrations, describer);
  }

  /**
   * Readies the serializer for the first event on a short-lived thread of its own, beside the
   * worker, which starts the transport (an HTTP client) meanwhile: one after the other on the
   * worker, what the first event needs was ready only some 100 ms later, and a capture right after
   * {@code init} waited for it. On the worker when no thread can be started.
   */
  private static void prepare(LazyWriter writer, Dispatcher dispatcher) {
    try {
      Thread thread = new Thread(writer, "sentry-prepare");
      thread.setDaemon(true);
      thread.start();
    } catch (RuntimeException | OutOfMemoryError e) {
      dispatcher.prepare(writer);
    }
  }

  private static TransportSettings transportSettings(SentryOptions options, Dsn dsn) {
    return new TransportSettings(dsn.envelopeEndpoint(),
        dsn.authHeader(SDK_NAME + "/" + SDK_VERSION), SDK_NAME + "/" + SDK_VERSION,
        Duration.ofMillis(options.getConnectionTimeoutMillis()),
        Duration.ofMillis(options.getReadTimeoutMillis()), options.getProxy(),
        options.getMaxQueueSize(), options.getMaxRequestsInFlight(),
        Duration.ofMillis(options.getResponseTimeoutMillis()), options.getMaxResponseBodyBytes(),
        options.getMaxQueueBytes());
  }

  /** Client reports and the outbox, as the options ask. */
  private static DispatchSettings dispatchSettings(SentryOptions options, Dsn dsn) {
    EnvelopeWriter reports = new EnvelopeWriter(HEADER_SDK, Clock.systemUTC());
    return DispatchSettings.of(options.isSendClientReports() ? reports::writeClientReport : null,
        outboxSettings(options, dsn));
  }

  /**
   * The outbox of a DSN, or null without a cache directory. It is keyed by the DSN's endpoint and
   * public key, never its secret. Tests find a client's outbox directory with it.
   */
  static OutboxSettings outboxSettings(SentryOptions options, Dsn dsn) {
    String cacheDir = options.getCacheDirPath();
    return cacheDir == null ? null
        : new OutboxSettings(Path.of(cacheDir), dsn.envelopeEndpoint() + " " + dsn.publicKey(),
            options.getMaxCacheItems(), options.getMaxCacheSizeBytes(), OutboxSettings.DEFAULT_MAX_AGE);
  }

  /**
   * Writes event envelopes. The serializer, with the host's contexts and name and the sdk block, is
   * made on the first write, which happens on the delivery worker: reading the host name may mean
   * DNS, the sdk block's packages read jar metadata.
   */
  private static final class LazyWriter implements EventEnvelope.Writer, Runnable {
    private final Supplier<SdkInfo> sdk;
    private final String serverName;
    private final ExceptionDescriber describer;
    private final EventScrubber scrubber;
    private final int maxValueLength;
    private final EnvelopeWriter envelopes;
    private final PropagationContext.TraceHead traceHead;
    private volatile EventSerializer serializer;

    LazyWriter(Supplier<SdkInfo> sdk, String serverName, ExceptionDescriber describer, EventScrubber scrubber,
        int maxValueLength, PropagationContext.TraceHead traceHead) {
      this.maxValueLength = maxValueLength;
      this.sdk = sdk;
      this.traceHead = traceHead;
      this.serverName = serverName;
      this.describer = describer;
      this.scrubber = scrubber;
      this.envelopes = new EnvelopeWriter(HEADER_SDK, Clock.systemUTC());
    }

    @Override
    public void write(SentryEvent event, CallerStack stack, PropagationContext trace, OutputStream out)
        throws IOException {
      envelopes.writeEvent(out, event.getEventId(), serializer().serialize(event, stack), Map.of(),
          samplingContext(event, trace));
    }

    /**
     * The header's {@code trace}: the trace's dynamic sampling context when the event is in that
     * trace (its {@code contexts.trace} is the scope's, not one the application set), else none.
     */
    private Map<String, String> samplingContext(SentryEvent event, PropagationContext trace) {
      Map<String, Object> context = event.getContexts().get("trace");
      boolean inTrace = trace != null && context != null && trace.traceId().equals(context.get("trace_id"));
      return inTrace ? trace.dynamicSamplingContext(traceHead) : Map.of();
    }

    /**
     * Makes the serializer and loads the JSON classes, by writing an envelope with a made-up event
     * (an exception with a cause, a tag, a breadcrumb) to nowhere, so that the first event does not
     * wait for them. Never throws: the first event makes what this could not.
     */
    @Override
    public void run() {
      SdkGuard.enter();
      try {
        SentryEvent sample = new SentryEvent();
        sample.setThrowable(new IllegalStateException("warm-up", new IllegalArgumentException("cause")), null);
        sample.getTags().put("warm-up", "true");
        sample.getBreadcrumbs().add(new Breadcrumb("warm-up"));
        envelopes.writeEvent(OutputStream.nullOutputStream(), sample.getEventId(), serializer().serialize(sample));
      } catch (Throwable e) {
        // Even an Error (this thread's own; no uncaught handler should see the SDK's warm-up):
        // nothing is written anywhere; whatever failed here fails again, and is told, at the first event.
      } finally {
        SdkGuard.exit();
      }
    }

    private EventSerializer serializer() {
      EventSerializer current = serializer;
      if (current == null) {
        synchronized (this) {
          current = serializer;
          if (current == null) {
            String host = serverName != null ? serverName : HostInfo.hostName();
            current = EventSerializer.cuttingAt(new EventDefaults(sdk.get(), HostInfo.contexts(), host, scrubber), describer,
                maxValueLength);
            serializer = current;
          }
        }
      }
      return current;
    }
  }

  private static String readVersion() {
    try (InputStream in = ClientFactory.class.getResourceAsStream("sdk.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
