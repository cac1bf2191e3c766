package sentry.integration.stdlib;

import sentry.api.Breadcrumb;
import sentry.api.Hint;
import sentry.api.Hub;
import sentry.api.Sentry;
import sentry.api.SentryClient;

/**
 * Decides whether the entry points record, and adds their breadcrumbs without ever throwing into
 * the application's call.
 */
final class Recording {
  private Recording() {}

  /**
   * Returns the hub to record into: the calling thread's, when its client is enabled and has this
   * integration, and the thread is not inside the SDK (so nothing the SDK does while sending can
   * come back as a breadcrumb).
   *
   * @return the hub, or null to pass straight through
   */
  static Hub activeHub() {
    try {
      if (Sentry.isInsideSdk()) {
        return null;
      }
      Hub hub = Hub.current();
      SentryClient client = hub.client();
      return client.isEnabled() && client.integration(StdlibIntegration.class).isPresent() ? hub : null;
    } catch (RuntimeException e) {
      // A broken SDK must not break the application's request: record nothing.
      return null;
    }
  }

  /** Tells whether the hub's client allows personal data; false when it cannot tell. */
  static boolean sendDefaultPii(Hub hub) {
    try {
      return hub.client().options().isSendDefaultPii();
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Adds a breadcrumb; a failure is swallowed, as the application's call must go on unchanged. */
  static void add(Hub hub, Breadcrumb breadcrumb, Hint hint) {
    try {
      hub.addBreadcrumb(breadcrumb, hint);
    } catch (RuntimeException e) {
      // The hub's capture methods do not throw; this guards the application against a bug there.
    }
  }
}
