package sentry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sentry.api.Integration;
import sentry.api.IntegrationContext;
import sentry.api.SentryOptions;
import sentry.core.json.JsonSupport;

/**
 * The options are frozen at {@code init}: the object the callback was given stays the user's
 * builder, but changing it afterwards changes nothing on the wire, and what the SDK and its
 * integrations read ({@code client.options()}, {@code IntegrationContext.options()}) refuses every
 * change.
 */
class FrozenOptionsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private TestReceiver receiver;
  private CoreBinding sentry;

  @BeforeEach
  void start() throws IOException {
    receiver = new TestReceiver();
    sentry = new CoreBinding();
  }

  @AfterEach
  void stop() {
    sentry.close();
    receiver.close();
    JsonSupport.validateParsedEvents();
  }

  @Test
  void changingTheOptionsObjectAfterInitChangesNothingOnTheWire() throws InterruptedException {
    AtomicReference<SentryOptions> kept = new AtomicReference<>();
    sentry.init(options -> {
      options.setDsn(receiver.dsn());
      options.setRelease("shop@1.0");
      options.setEnvironment("staging");
      options.setTag("region", "eu");
      options.setDefaultIntegrations(false);
      kept.set(options);
    });

    SentryOptions late = kept.get();
    late.setRelease("shop@2.0");
    late.setEnvironment("production");
    late.setTag("region", "us");
    late.setBeforeSend((event, hint) -> null);
    late.setSampleRate(0.0);
    sentry.currentHub().captureMessage("after the change", null);

    assertThat(sentry.client().flush(WAIT)).as("flushed").isTrue();
    List<JsonNode> events = receiver.awaitEvents(1, WAIT);
    assertThat(events).hasSize(1);
    JsonNode event = events.get(0);
    assertThat(event.path("release").asText()).isEqualTo("shop@1.0");
    assertThat(event.path("environment").asText()).isEqualTo("staging");
    assertThat(event.at("/tags/region").asText()).isEqualTo("eu");
    assertThat(sentry.client().options().getRelease()).isEqualTo("shop@1.0");
  }

  @Test
  void theClientsAndTheIntegrationsOptionsRefuseChanges() {
    AtomicReference<SentryOptions> seen = new AtomicReference<>();
    Integration spy = new Integration() {
      @Override
      public String identifier() {
        return "frozen-spy";
      }

      @Override
      public void register(IntegrationContext context) {
        seen.set(context.options());
      }
    };
    sentry.init(options -> {
      options.setDsn(receiver.dsn());
      options.setDefaultIntegrations(false);
      options.addIntegration(spy);
    });

    SentryOptions client = sentry.client().options();
    assertThat(client.isFrozen()).isTrue();
    assertThat(seen.get()).isSameAs(client);
    assertThatThrownBy(() -> client.setRelease("other"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("setRelease");
    assertThatThrownBy(() -> seen.get().addEventProcessor((event, hint) -> event))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("addEventProcessor");
  }

  @Test
  void aFrozenCopyKeepsEveryValueAndSharesNoCollection() {
    SentryOptions options = new SentryOptions();
    options.setRelease("r");
    options.setTag("a", "1");
    options.addInAppInclude("com.example");
    options.addScrubKey("pin");
    options.setMaxQueueBytes(4096);
    options.setEnableLogs(true);

    SentryOptions frozen = options.frozenCopy();
    options.setTag("a", "2");
    options.addInAppInclude("org.example");
    options.addScrubKey("pan");

    assertThat(frozen.getRelease()).isEqualTo("r");
    assertThat(frozen.getTags()).containsExactly(java.util.Map.entry("a", "1"));
    assertThat(frozen.getInAppIncludes()).containsExactly("com.example");
    assertThat(frozen.getScrubKeys()).contains("pin").doesNotContain("pan");
    assertThat(frozen.getMaxQueueBytes()).isEqualTo(4096);
    assertThat(frozen.isEnableLogs()).isTrue();
    assertThat(frozen.frozenCopy()).isSameAs(frozen);
    assertThat(options.isFrozen()).isFalse();
  }
}
