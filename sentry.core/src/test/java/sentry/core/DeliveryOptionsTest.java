package sentry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sentry.api.Level;
import sentry.api.SentryOptions;
import sentry.core.outbox.Outbox;
import sentry.core.outbox.OutboxEntry;
import sentry.core.outbox.OutboxSettings;

/** Client reports and the offline outbox as options: names, defaults, checks, property keys, wiring. */
class DeliveryOptionsTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;

  private SentryOptions load(Map<String, String> env, Properties props) {
    return new OptionsLoader(env, props, dir, new ClassLoader(null) {}).load();
  }

  @Test
  void defaults() {
    SentryOptions options = new SentryOptions();
    assertThat(options.isSendClientReports()).isTrue();
    assertThat(options.getCacheDirPath()).isNull();
    assertThat(options.getMaxCacheItems()).isEqualTo(30);
    assertThat(options.getMaxCacheSizeBytes()).isEqualTo(10L * 1024 * 1024);
  }

  @Test
  void settersCheckTheirValuesAndNameTheRule() {
    SentryOptions options = new SentryOptions();
    assertThatThrownBy(() -> options.setMaxCacheItems(0))
        .hasMessage("option maxCacheItems is 0: expected a whole number from 1 to 10000");
    assertThatThrownBy(() -> options.setMaxCacheSizeBytes(-1))
        .hasMessage("option maxCacheSizeBytes is -1: expected a whole number from 1 to 1073741824");
    assertThatThrownBy(() -> options.setCacheDirPath("bad\0path"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("option cacheDirPath is \"bad")
        .hasMessageContaining("expected a directory path");
    options.setCacheDirPath("  ");
    assertThat(options.getCacheDirPath()).isNull();
    options.setCacheDirPath(" /var/cache/app ");
    assertThat(options.getCacheDirPath()).isEqualTo("/var/cache/app");
  }

  @Test
  void propertyKeysInBothSpellings() {
    SentryOptions fromEnv = load(Map.of("SENTRY_CACHE_DIR", "/tmp/a", "SENTRY_SEND_CLIENT_REPORTS", "false",
        "SENTRY_MAX_CACHE_ITEMS", "5", "SENTRY_MAX_CACHE_SIZE_BYTES", "4096"), new Properties());
    assertThat(fromEnv.getCacheDirPath()).isEqualTo("/tmp/a");
    assertThat(fromEnv.isSendClientReports()).isFalse();
    assertThat(fromEnv.getMaxCacheItems()).isEqualTo(5);
    assertThat(fromEnv.getMaxCacheSizeBytes()).isEqualTo(4096);

    Properties props = new Properties();
    props.setProperty("sentry.cache-dir-path", "/tmp/b");
    assertThat(load(Map.of("SENTRY_CACHE_DIR_PATH", "/tmp/c"), props).getCacheDirPath()).isEqualTo("/tmp/b");
    Properties shortSpelling = new Properties();
    shortSpelling.setProperty("sentry.cache-dir", "/tmp/d");
    assertThat(load(Map.of(), shortSpelling).getCacheDirPath()).isEqualTo("/tmp/d");
    assertThatThrownBy(() -> load(Map.of("SENTRY_MAX_CACHE_ITEMS", "lots"), new Properties()))
        .hasMessage("SENTRY_MAX_CACHE_ITEMS=lots: expected a number");
  }

  @Test
  void whatOneProcessCouldNotSendTheNextSendsFromTheCacheDirectory() throws Exception {
    Path cache = dir.resolve("cache");
    try (TestReceiver receiver = new TestReceiver()) {
      receiver.respondWith(503);
      CoreBinding first = new CoreBinding();
      first.init(options -> {
        options.setDsn(receiver.dsn());
        options.setDefaultIntegrations(false);
        options.setCacheDirPath(cache.toString());
      });
      first.currentHub().captureMessage("one", Level.ERROR);
      first.currentHub().captureMessage("two", Level.ERROR);
      assertThat(first.client().flush(WAIT)).isTrue();
      first.close();
      Path directory = onlySubDirectory(cache);
      SentryOptions same = new SentryOptions();
      same.setCacheDirPath(cache.toString());
      OutboxSettings settings = ClientFactory.outboxSettings(same, Dsn.parse(receiver.dsn()));
      assertThat(settings.directory()).isEqualTo(directory);
      // What a test sees without opening the outbox (nothing is claimed or changed by looking).
      List<OutboxEntry> held = new Outbox(settings, Clock.systemUTC(), (why, category, id, key) -> { }).entries();
      assertThat(held).hasSize(2).allSatisfy(entry -> assertThat(entry.claimedBy()).isNull());
      assertThat(held.stream().map(OutboxEntry::eventId))
          .containsExactlyInAnyOrderElementsOf(receiver.events().stream()
              .map(event -> event.path("event_id").asText().replace("-", "")).toList());
      assertThat(envelopeFiles(directory)).hasSize(2);
      assertThat(receiver.events()).hasSize(2);

      receiver.respondWith(200);
      CoreBinding second = new CoreBinding();
      second.init(options -> {
        options.setDsn(receiver.dsn());
        options.setDefaultIntegrations(false);
        options.setCacheDirPath(cache.toString());
      });
      try {
        assertThat(receiver.awaitEvents(4, WAIT)).hasSize(4);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!envelopeFiles(directory).isEmpty() && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
        assertThat(envelopeFiles(directory)).isEmpty();
        assertThat(receiver.events().stream().map(event -> event.path("event_id").asText()).distinct()).hasSize(2);
      } finally {
        second.close();
      }
    }
  }

  private static Path onlySubDirectory(Path cache) throws IOException {
    try (Stream<Path> directories = Files.list(cache)) {
      List<Path> all = directories.toList();
      assertThat(all).singleElement().satisfies(path ->
          assertThat(path.getFileName().toString()).matches("[0-9a-f]{32}"));
      return all.get(0);
    }
  }

  private static List<Path> envelopeFiles(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(path -> path.toString().endsWith(".envelope") || path.toString().endsWith(".sending"))
          .toList();
    }
  }
}
