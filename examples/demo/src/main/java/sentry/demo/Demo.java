package sentry.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import sentry.api.Breadcrumb;
import sentry.api.Level;
import sentry.api.Sentry;
import sentry.api.User;

/**
 * Reports a few errors the way an application would. With {@code SENTRY_DSN} set, events go
 * there; without it, to a receiver started on 127.0.0.1, which prints what it got.
 */
public final class Demo {
  private Demo() {}

  /**
   * Runs the demo.
   *
   * @param args none
   * @throws IOException if the embedded receiver cannot start
   * @throws InterruptedException if interrupted while waiting for the receiver
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    String dsn = System.getenv("SENTRY_DSN");
    Receiver receiver = null;
    if (dsn == null || dsn.isBlank()) {
      receiver = Receiver.start();
      dsn = receiver.dsn();
      System.out.println("No SENTRY_DSN set: sending to an embedded receiver at " + dsn);
    } else {
      System.out.println("Sending to the DSN in SENTRY_DSN");
    }
    String target = dsn;
    Sentry.init(options -> {
      options.setDsn(target);
      options.setRelease("sentry-demo@0.1.0");
      options.setEnvironment("demo");
      options.addInAppInclude("sentry.demo");
    });

    Sentry.setTag("shop.region", "eu-west");
    Sentry.setUser(new User("user-42", "ada", "ada@example.invalid", null, Map.of("plan", "pro")));
    Sentry.addBreadcrumb(new Breadcrumb("opened the basket").setCategory("ui.click"));
    Sentry.addBreadcrumb(new Breadcrumb("GET /api/basket").setType("http").setCategory("http")
        .setData("status_code", 200));

    try {
      new Checkout().pay("order-7");
    } catch (IllegalStateException e) {
      System.out.println("captured exception, event id " + Sentry.captureException(e));
    }
    Sentry.withScope(scope -> {
      scope.setTag("job", "nightly-report");
      scope.setLevel(Level.WARNING);
      System.out.println("captured message, event id " + Sentry.captureMessage("report took 41 s"));
    });

    boolean flushed = Sentry.flush(Duration.ofSeconds(10));
    Sentry.close();
    if (receiver != null) {
      receiver.awaitEvents(2, Duration.ofSeconds(5));
      receiver.stop();
      System.out.println(receiver.count() + " event(s) received" + (flushed ? "" : " (flush timed out)"));
      if (receiver.count() < 2) {
        System.exit(1);
      }
    }
  }

  /** A piece of application code that fails with a cause, as real code does. */
  static final class Checkout {
    void pay(String order) {
      try {
        charge(order);
      } catch (UncheckedIOException e) {
        throw new IllegalStateException("checkout of " + order + " failed", e);
      }
    }

    private void charge(String order) {
      throw new UncheckedIOException(new IOException("payment service timed out for " + order));
    }
  }
}
