package sentry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sentry.api.Breadcrumb;
import sentry.api.Hint;
import sentry.api.Hub;
import sentry.api.Level;
import sentry.api.SentryOptions;
import sentry.core.json.JsonSupport;

/**
 * The {@code maxValueLength} option (issue 17, item 3) and the cuts at capture time (issue 12,
 * item 4): long strings are cut to the option's length, ending in {@code "..."}; a scope never
 * holds more than that of a breadcrumb, an extra or a context value.
 */
class ValueLengthTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;

  private SentryOptions load(Map<String, String> env, Properties props) {
    return new OptionsLoader(env, props, dir, new ClassLoader(null) {}).load();
  }

  @Test
  void defaultsTo8192AndIsReadFromEverySource() throws IOException {
    assertThat(new SentryOptions().getMaxValueLength()).isEqualTo(8192);
    Files.writeString(dir.resolve("sentry.properties"), "max-value-length=100\n");
    assertThat(load(Map.of(), new Properties()).getMaxValueLength()).isEqualTo(100);
    assertThat(load(Map.of("SENTRY_MAX_VALUE_LENGTH", "200"), new Properties()).getMaxValueLength()).isEqualTo(200);
    Properties props = new Properties();
    props.setProperty("sentry.max-value-length", "300");
    assertThat(load(Map.of("SENTRY_MAX_VALUE_LENGTH", "200"), props).getMaxValueLength()).isEqualTo(300);
  }

  @Test
  void aValueThatIsNotPositiveFailsNamingTheOptionTheValueAndTheRule() {
    assertThatThrownBy(() -> new SentryOptions().setMaxValueLength(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("option maxValueLength is 0: expected a whole number from 1 to 2147483647");
    assertThatThrownBy(() -> load(Map.of("SENTRY_MAX_VALUE_LENGTH", "-5"), new Properties()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("SENTRY_MAX_VALUE_LENGTH=-5: expected a whole number from 1 to 2147483647");
    assertThatThrownBy(() -> load(Map.of("SENTRY_MAX_VALUE_LENGTH", "long"), new Properties()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("SENTRY_MAX_VALUE_LENGTH=long: expected a");
  }

  @Test
  void aScopeHoldsBreadcrumbsExtrasAndContextsCut() {
    CoreScope scope = new CoreScope(10, 100, CoreScope.State.EMPTY);
    String huge = "x".repeat(1_000_000);
    scope.addBreadcrumb(new Breadcrumb(huge).setCategory(huge).setType(huge)
        .setData("k".repeat(500), huge).setData("list", List.of(huge, 7)));
    scope.setExtra("extra", huge);
    scope.setExtra("nested", Map.of("inner", List.of(huge)));
    scope.setContext("shop", Map.of("value", huge));

    Breadcrumb kept = scope.state().breadcrumbs().toList(10).get(0);
    String cut = "x".repeat(97) + "...";
    assertThat(kept.getMessage()).isEqualTo(cut);
    assertThat(kept.getCategory()).isEqualTo(cut);
    assertThat(kept.getType()).isEqualTo(cut);
    assertThat(kept.getData()).containsEntry("k".repeat(97) + "...", cut).containsEntry("list", List.of(cut, 7));
    assertThat(scope.state().extra()).containsEntry("extra", cut)
        .containsEntry("nested", Map.of("inner", List.of(cut)));
    assertThat(scope.state().contexts().get("shop")).containsEntry("value", cut);
  }

  @Test
  void theWireCarriesLongStringsCutAtTheOptionsLength() throws Exception {
    try (TestReceiver receiver = new TestReceiver()) {
      CoreBinding sentry = new CoreBinding();
      sentry.init(options -> {
        options.setDsn(receiver.dsn());
        options.setDefaultIntegrations(false);
        options.setMaxValueLength(50);
      });
      try {
        String huge = "y".repeat(10_000);
        String cut = "y".repeat(47) + "...";
        Hub hub = sentry.currentHub();
        hub.addBreadcrumb(new Breadcrumb(huge).setData("v", huge), new Hint());
        hub.configureScope(scope -> {
          scope.setExtra("extra", huge);
          scope.setContext("shop", Map.of("value", huge));
        });
        hub.captureMessage(huge, Level.INFO);
        hub.captureException(new IllegalStateException(huge), new Hint());
        assertThat(sentry.client().flush(WAIT)).isTrue();

        List<JsonNode> events = receiver.awaitEvents(2, WAIT);
        assertThat(events).hasSize(2);
        for (JsonNode event : events) {
          JsonNode crumb = event.path("breadcrumbs").path("values").get(0);
          assertThat(crumb.path("message").asText()).isEqualTo(cut);
          assertThat(crumb.path("data").path("v").asText()).isEqualTo(cut);
          assertThat(event.path("extra").path("extra").asText()).isEqualTo(cut);
          assertThat(event.path("contexts").path("shop").path("value").asText()).isEqualTo(cut);
          boolean message = event.has("logentry");
          String text = message ? event.path("logentry").path("formatted").asText()
              : event.path("exception").path("values").get(0).path("value").asText();
          assertThat(text).as(message ? "message" : "exception value").isEqualTo(cut);
        }
      } finally {
        sentry.close();
        JsonSupport.validateParsedEvents();
      }
    }
  }
}
