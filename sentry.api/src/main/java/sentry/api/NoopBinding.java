package sentry.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
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
  public void init(Consumer<SentryOptions> configuration) {
    Objects.requireNonNull(configuration, "configuration must not be null");
    NoImplementationWarning.checkInit(configuration);
  }

  @Override
  public void close() {}

  @Override
  public boolean isInsideSdk() {
    return false;
  }

  private static final class NoopHub implements Hub, SentryClient, Hub.Binding, Scope {
    @Override
    public SentryClient client() {
      return this;
    }

    @Override
    public SentryId captureEvent(@Nullable SentryEvent event, @Nullable Hint hint) {
      return SentryId.EMPTY;
    }

    @Override
    public SentryId captureException(@Nullable Throwable throwable, @Nullable Hint hint) {
      return SentryId.EMPTY;
    }

    @Override
    public SentryId captureMessage(@Nullable String message, @Nullable Level level) {
      return SentryId.EMPTY;
    }

    @Override
    public SentryId captureCheckIn(@Nullable CheckIn checkIn) {
      return SentryId.EMPTY;
    }

    @Override
    public void captureLog(@Nullable SentryLog log) {
      // Without sentry.core no log is sent.
    }

    @Override
    public void addBreadcrumb(@Nullable Breadcrumb breadcrumb, @Nullable Hint hint) {}

    @Override
    public void configureScope(Consumer<Scope> callback) {
      // The rule holds without an implementation too: a null here is a programming error.
      Objects.requireNonNull(callback, "callback must not be null");
    }

    @Override
    public void withScope(Consumer<Scope> callback) {
      Objects.requireNonNull(callback, "callback must not be null");
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
      Objects.requireNonNull(type, "type must not be null");
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
      Objects.requireNonNull(timeout, "timeout must not be null");
      return true;
    }

    @Override
    public Instant shutdownDeadline() {
      return Instant.now();
    }

    @Override
    public void setTag(String key, @Nullable String value) {
      Objects.requireNonNull(key, "key must not be null");
    }

    @Override
    public void removeTag(String key) {
      Objects.requireNonNull(key, "key must not be null");
    }

    @Override
    public java.util.Map<String, String> getTags() {
      return java.util.Map.of();
    }

    @Override
    public void setExtra(String key, @Nullable Object value) {
      Objects.requireNonNull(key, "key must not be null");
    }

    @Override
    public void removeExtra(String key) {
      Objects.requireNonNull(key, "key must not be null");
    }

    @Override
    public void setContext(String key, java.util.@Nullable Map<String, Object> values) {
      Objects.requireNonNull(key, "key must not be null");
    }

    @Override
    public void setUser(@Nullable User user) {}

    @Override
    public @Nullable User getUser() {
      return null;
    }

    @Override
    public void setLevel(@Nullable Level level) {}

    @Override
    public void setFingerprint(List<String> fingerprint) {
      Objects.requireNonNull(fingerprint, "fingerprint must not be null");
      for (String part : fingerprint) {
        Objects.requireNonNull(part, "fingerprint must not hold null");
      }
    }

    @Override
    public void setTransaction(@Nullable String transaction) {}

    @Override
    public void addBreadcrumb(@Nullable Breadcrumb breadcrumb) {}

    @Override
    public void clearBreadcrumbs() {}

    @Override
    public void addEventProcessor(EventProcessor processor) {
      Objects.requireNonNull(processor, "processor must not be null");
    }

    @Override
    public void continueTrace(@Nullable String sentryTrace, @Nullable String baggage) {}

    @Override
    public void clear() {}
  }
}
