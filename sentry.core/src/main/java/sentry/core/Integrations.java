package sentry.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import sentry.api.EventDefaults;
import sentry.api.EventProcessor;
import sentry.api.Integration;
import sentry.api.IntegrationContext;
import sentry.api.SentryOptions;
import sentry.core.log.SdkLog;

/**
 * Chooses and installs a client's integrations: discovered ones (unless turned off), replaced by
 * explicit ones with the same identifier, less the disabled ones. {@link Integration#setupOnce()}
 * runs once per identifier per process. A broken discovered integration is skipped with a
 * warning; a broken explicit one fails {@code init}.
 */
final class Integrations {
  private static final SdkLog LOG = SdkLog.get("sentry.core.integrations");
  private static final Set<String> SET_UP = ConcurrentHashMap.newKeySet();

  /** What the installed integrations asked of the client. */
  record Installed(Map<String, Integration> byIdentifier, List<EventProcessor> processors,
      List<EventDefaults> defaults, boolean inheritParentHub) {}

  private Integrations() {}

  static Installed install(SentryOptions options) {
    Map<String, Integration> chosen = new LinkedHashMap<>();
    Set<Integration> explicit = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    if (options.isDefaultIntegrations()) {
      discover(chosen);
    }
    for (Integration integration : options.getIntegrations()) {
      chosen.remove(integration.identifier());
      chosen.put(integration.identifier(), integration);
      explicit.add(integration);
    }
    chosen.keySet().removeAll(options.getDisabledIntegrations());

    Context context = new Context(options);
    Map<String, Integration> installed = new LinkedHashMap<>();
    for (Integration integration : chosen.values()) {
      String id = integration.identifier();
      int processorsBefore = context.processors.size();
      int defaultsBefore = context.defaults.size();
      boolean inheritBefore = context.inherit;
      try {
        if (SET_UP.add(id)) {
          try {
            integration.setupOnce();
          } catch (RuntimeException | LinkageError e) {
            SET_UP.remove(id);
            throw e;
          }
        }
        integration.register(context);
        installed.put(id, integration);
        LOG.debug("installed integration {}", id);
      } catch (RuntimeException | LinkageError e) {
        // Undo what the broken integration registered before it failed.
        context.processors.subList(processorsBefore, context.processors.size()).clear();
        context.defaults.subList(defaultsBefore, context.defaults.size()).clear();
        context.inherit = inheritBefore;
        if (explicit.contains(integration)) {
          throw new IllegalArgumentException(
              "integration \"" + id + "\" (" + integration.getClass().getName() + ") failed to install: " + e, e);
        }
        LOG.warn("skipping integration {} ({}): it failed to install", id, integration.getClass().getName(), e);
      }
    }
    return new Installed(Collections.unmodifiableMap(installed), List.copyOf(context.processors),
        List.copyOf(context.defaults), context.inherit);
  }

  private static void discover(Map<String, Integration> chosen) {
    Iterator<Integration> providers = ServiceLoader.load(Integration.class).iterator();
    while (true) {
      Integration integration;
      try {
        if (!providers.hasNext()) {
          return;
        }
        integration = providers.next();
      } catch (ServiceConfigurationError | LinkageError e) {
        LOG.warn("skipping an integration that cannot be loaded: {}", e, e);
        continue;
      }
      try {
        chosen.putIfAbsent(integration.identifier(), integration);
      } catch (RuntimeException e) {
        LOG.warn("skipping integration {}: identifier() failed", integration.getClass().getName(), e);
      }
    }
  }

  private static final class Context implements IntegrationContext {
    private final SentryOptions options;
    private final List<EventProcessor> processors = new ArrayList<>();
    private final List<EventDefaults> defaults = new ArrayList<>();
    private boolean inherit;

    Context(SentryOptions options) {
      this.options = options;
    }

    @Override
    public SentryOptions options() {
      return options;
    }

    @Override
    public void addEventProcessor(EventProcessor processor) {
      processors.add(Objects.requireNonNull(processor, "processor must not be null"));
    }

    @Override
    public void addEventDefaults(EventDefaults values) {
      defaults.add(Objects.requireNonNull(values, "defaults must not be null"));
    }

    @Override
    public void inheritParentHub(boolean inherit) {
      this.inherit = inherit;
    }
  }
}
