package sentry.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import sentry.api.Breadcrumb;
import sentry.api.EventDefaults;
import sentry.api.SentryEvent;
import sentry.api.SentryOptions;
import sentry.core.json.CaptureCuts;
import sentry.core.log.SdkLog;

/**
 * Puts what an event does not carry itself into it: the options' release, environment, dist,
 * server name and tags, the scope's data, the trace context, and the integrations' process-wide
 * {@link EventDefaults} (modules, argv). The event's own values win. Runs on the SDK's thread
 * when no callback reads the event, else on the capturing thread just before the callbacks, so
 * the event on the wire is the same either way.
 *
 * <p>On the SDK's thread the event only gets written, so it shares the scope's breadcrumbs,
 * extras and contexts by reference: no copy. An event that a callback or the application may
 * change ({@link #applyOwned}) gets its own mutable copy of each breadcrumb, each extra that is a
 * container and each context, so that an edit reaches neither the scope nor another event.
 */
final class ScopeMerge {
  private static final SdkLog LOG = SdkLog.get("sentry.core.client");

  private final String release;
  private final String environment;
  private final String dist;
  private final String serverName;
  private final Map<String, String> optionTags;
  private final int maxBreadcrumbs;
  private final List<EventDefaults> defaults;

  ScopeMerge(SentryOptions options, List<EventDefaults> defaults) {
    this.release = options.getRelease();
    this.environment = options.getEnvironment();
    this.dist = options.getDist();
    this.serverName = options.getServerName();
    this.optionTags = options.getTags().isEmpty() ? Map.of()
        : Collections.unmodifiableMap(new LinkedHashMap<>(options.getTags()));
    this.maxBreadcrumbs = options.getMaxBreadcrumbs();
    this.defaults = List.copyOf(defaults);
  }

  /** Merges the scope and the defaults into an event that is only written: the scope's values by reference. */
  void apply(SentryEvent event, CoreScope.State scope, PropagationContext trace) {
    apply(event, scope, trace, false);
  }

  /** Merges the scope and the defaults into an event that a callback or the application may change. */
  void applyOwned(SentryEvent event, CoreScope.State scope, PropagationContext trace) {
    apply(event, scope, trace, true);
  }

  private void apply(SentryEvent event, CoreScope.State scope, PropagationContext trace, boolean owned) {
    if (event.getRelease() == null) {
      event.setRelease(release);
    }
    if (event.getEnvironment() == null) {
      event.setEnvironment(environment);
    }
    if (event.getDist() == null) {
      event.setDist(dist);
    }
    if (event.getServerName() == null) {
      event.setServerName(serverName);
    }
    mergeUnder(event.getTags(), optionTags, scope.tags(), null);
    mergeUnder(event.getExtra(), Map.of(), scope.extra(), owned ? CaptureCuts::owned : null);
    mergeUnder(event.getContexts(), Map.of(), scope.contexts(), owned ? CaptureCuts::owned : null);
    if (trace != null && event.getContexts().get("trace") == null) {
      // The trace's own map, by reference, unless the event or the scope has a trace context.
      Map<String, Object> context = trace.traceContext();
      event.getContexts().put("trace", owned ? new LinkedHashMap<>(context) : context);
    }
    if (event.getUser() == null) {
      event.setUser(scope.user());
    }
    if (scope.level() != null) {
      event.setLevel(scope.level());
    }
    if (event.getFingerprint().isEmpty()) {
      event.getFingerprint().addAll(scope.fingerprint());
    }
    if (event.getTransaction() == null) {
      event.setTransaction(scope.transaction());
    }
    mergeBreadcrumbs(event, scope.breadcrumbs(), owned);
    for (EventDefaults values : defaults) {
      applyDefaults(event, values);
    }
  }

  /** Puts the scope's newest breadcrumbs before the event's own, then orders them by time. */
  private void mergeBreadcrumbs(SentryEvent event, Breadcrumbs scope, boolean owned) {
    if (!scope.isEmpty()) {
      List<Breadcrumb> crumbs = scope.toList(maxBreadcrumbs);
      if (owned) {
        List<Breadcrumb> copies = new ArrayList<>(crumbs.size());
        for (Breadcrumb crumb : crumbs) {
          copies.add(CaptureCuts.owned(crumb));
        }
        crumbs = copies;
      }
      event.getBreadcrumbs().addAll(0, crumbs);
    }
    BreadcrumbOrder.sort(event.getBreadcrumbs());
  }

  /** One integration's defaults, under what the event has: as its event processor used to. */
  private static void applyDefaults(SentryEvent event, EventDefaults values) {
    try {
      Map<String, String> modules = values.modules();
      if (!modules.isEmpty()) {
        Map<String, String> target = event.getModules();
        if (target.isEmpty()) {
          target.putAll(modules);
        } else {
          modules.forEach(target::putIfAbsent);
        }
      }
      Map<String, Object> extra = values.extra();
      if (!extra.isEmpty()) {
        extra.forEach(event.getExtra()::putIfAbsent);
      }
    } catch (Throwable e) {
      // Whatever an integration's defaults throw, even an Error, skips them for this event only.
      LOG.warn("event defaults {} threw; skipping them", values.getClass().getName(), e);
    }
  }

  /**
   * Puts the defaults, then the scope's values, under what the event already has.
   *
   * @param copy makes the event's own copy of a scope's value; null to share the values
   */
  private static <V> void mergeUnder(Map<String, V> target, Map<String, V> defaults, Map<String, V> scope,
      UnaryOperator<V> copy) {
    if (defaults.isEmpty() && scope.isEmpty()) {
      return;
    }
    Map<String, V> own = target.isEmpty() ? Map.of() : new LinkedHashMap<>(target);
    target.putAll(defaults);
    if (copy == null) {
      target.putAll(scope);
    } else {
      scope.forEach((key, value) -> target.put(key, own.containsKey(key) ? value : copy.apply(value)));
    }
    target.putAll(own);
  }
}
