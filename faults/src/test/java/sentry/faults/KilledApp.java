package sentry.faults;

import sentry.api.Mechanism;
import sentry.api.Sentry;
import sentry.api.SentryEvent;

/**
 * The application of the SIGKILL scenario: captures events with an outbox, prints each id, says
 * when it is done capturing, and waits to be killed. Arguments: DSN, cache directory, count, and how
 * many files the outbox keeps.
 */
public final class KilledApp {
  private KilledApp() {}

  /**
   * Runs the application.
   *
   * @param args the DSN, the cache directory, how many events, how many files the outbox keeps
   * @throws InterruptedException never, in practice: the process is killed while it sleeps
   */
  public static void main(String[] args) throws InterruptedException {
    Sentry.init(options -> {
      options.setDsn(args[0]);
      options.setCacheDirPath(args[1]);
      options.setMaxCacheItems(Integer.parseInt(args[3]));
      options.setDefaultIntegrations(false);
    });
    int count = Integer.parseInt(args[2]);
    for (int i = 1; i <= count; i++) {
      SentryEvent event = SentryEvent.fromThrowable(new IllegalStateException("killed " + i), Mechanism.GENERIC);
      System.out.println("captured " + event.getEventId().value());
      Sentry.captureEvent(event);
    }
    System.out.println("all captured");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
