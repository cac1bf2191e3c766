package sentry.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import sentry.api.spi.SentryBinding;

/** What the API does without an implementation: nothing, cheaply. */
final class NoopBinding implements SentryBinding {
  static final NoopBinding INSTANCE = new NoopBinding();
  private static final SentryOptions OPTIONS = new SentryOptions();
  private static final NoopHub HUB = new NoopHub();

  private NoopBinding() {}

  @Override
  public Hub currentHub() {
    return HUB;
  }

  @Override
  public Hub mainHub() {
    return HUB;
  }

  @Override
  public void init(Consumer<SentryOptions> configuration) {}

  @Override
  public void close() {}

  @Override
  public boolean isInsideSdk() {
    return false;
  }

  @Override
  public List<SentryException> describe(Throwable throwable, Mechanism mechanism, long threadId) {
    return List.of();
  }

  private static final class NoopHub implements Hub, SentryClient, Hub.Binding, Scope {
    @Override
    public SentryClient client() {
      return this;
    }

    @Override
    public SentryId captureEvent(SentryEvent event, Hint hint) {
      return SentryId.EMPTY;
    }

    @Override
    public SentryId captureException(Throwable throwable, Hint hint) {
      return SentryId.EMPTY;
    }

    @Override
    public SentryId captureMessage(String message, Level level) {
      return SentryId.EMPTY;
    }

    @Override
    public SentryId captureCheckIn(CheckIn checkIn) {
      return SentryId.EMPTY;
    }

    @Override
    public void addBreadcrumb(Breadcrumb breadcrumb, Hint hint) {}

    @Override
    public void configureScope(Consumer<Scope> callback) {}

    @Override
    public void withScope(Consumer<Scope> callback) {
      callback.accept(this);
    }

    @Override
    public SentryId lastEventId() {
      return SentryId.EMPTY;
    }

    @Override
    public String getTraceparent() {
      // Nothing keeps a trace here: a new, valid one each time (a version 4 UUID's hex is never 0).
      String span = SentryId.random().value();
      return SentryId.random().value() + "-" + span.substring(16);
    }

    @Override
    public String getBaggage() {
      return "";
    }

    @Override
    public Hub copy() {
      return this;
    }

    @Override
    public Binding bind() {
      return this;
    }

    @Override
    public void close() {}

    @Override
    public boolean isEnabled() {
      return false;
    }

    @Override
    public SentryOptions options() {
      return OPTIONS;
    }

    @Override
    public <T extends Integration> Optional<T> integration(Class<T> type) {
      return Optional.empty();
    }

    @Override
    public Optional<String> dsnHost() {
      return Optional.empty();
    }

    @Override
    public int pendingEvents() {
      return 0;
    }

    @Override
    public boolean flush(Duration timeout) {
      return true;
    }

    @Override
    public Instant shutdownDeadline() {
      return Instant.now();
    }

    @Override
    public void setTag(String key, String value) {}

    @Override
    public void removeTag(String key) {}

    @Override
    public java.util.Map<String, String> getTags() {
      return java.util.Map.of();
    }

    @Override
    public void setExtra(String key, Object value) {}

    @Override
    public void removeExtra(String key) {}

    @Override
    public void setContext(String key, java.util.Map<String, Object> values) {}

    @Override
    public void setUser(User user) {}

    @Override
    public User getUser() {
      return null;
    }

    @Override
    public void setLevel(Level level) {}

    @Override
    public void setFingerprint(List<String> fingerprint) {}

    @Override
    public void setTransaction(String transaction) {}

    @Override
    public void addBreadcrumb(Breadcrumb breadcrumb) {}

    @Override
    public void clearBreadcrumbs() {}

    @Override
    public void addEventProcessor(EventProcessor processor) {}

    @Override
    public void continueTrace(String sentryTrace, String baggage) {}

    @Override
    public void clear() {}
  }
}
