package sentry.integration.stdlib;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import sentry.api.Hint;
import sentry.api.Scope;
import sentry.api.Sentry;
import sentry.api.SentryOptions;

/**
 * Initialises the real SDK (sentry.core) against a {@link SentryStandIn}, keeps the hint of every
 * breadcrumb through {@code beforeBreadcrumb}, and reads back the breadcrumbs that reached Sentry.
 */
final class SentryHarness implements AutoCloseable {
  /** A breadcrumb's category and the hint it came with. */
  record Hinted(String category, Hint hint) {}

  private final SentryStandIn sentry;
  private final List<Hinted> hints = new CopyOnWriteArrayList<>();

  private SentryHarness(SentryStandIn sentry, Consumer<SentryOptions> more) {
    this.sentry = sentry;
    Sentry.init(options -> {
      options.setDsn(sentry.dsn());
      options.setBeforeBreadcrumb((crumb, hint) -> {
        hints.add(new Hinted(crumb.getCategory(), hint));
        return crumb;
      });
      more.accept(options);
    });
    Sentry.configureScope(Scope::clearBreadcrumbs);
  }

  static SentryHarness start(Consumer<SentryOptions> options) throws IOException {
    return new SentryHarness(new SentryStandIn(), options);
  }

  static SentryHarness start() throws IOException {
    return start(options -> {});
  }

  static SentryHarness withPii() throws IOException {
    return start(options -> options.setSendDefaultPii(true));
  }

  SentryStandIn sentry() {
    return sentry;
  }

  List<Hinted> hints(String category) {
    return hints.stream().filter(h -> category.equals(h.category())).toList();
  }

  /**
   * Captures a message, waits until it reached Sentry, and returns the event's breadcrumbs of one
   * category, oldest first.
   */
  List<JsonNode> breadcrumbs(String category) throws IOException {
    String marker = "probe-" + UUID.randomUUID();
    Sentry.captureMessage(marker);
    assertThat(Sentry.flush(Duration.ofSeconds(60))).as("the event reached the stand-in").isTrue();
    JsonNode event = sentry.event(marker);
    List<JsonNode> crumbs = new ArrayList<>();
    event.path("breadcrumbs").path("values").forEach(crumb -> {
      if (category.equals(crumb.path("category").asText())) {
        crumbs.add(crumb);
      }
    });
    return crumbs;
  }

  @Override
  public void close() {
    Sentry.close();
    sentry.close();
  }
}
