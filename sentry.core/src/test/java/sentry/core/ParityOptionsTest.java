package sentry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sentry.api.SentryOptions;

/** The options of Python's SDK from properties and the environment: scrub keys, attachStacktrace. */
class ParityOptionsTest {
  @TempDir Path dir;

  private SentryOptions load(Map<String, String> env, Properties props) {
    return new OptionsLoader(env, props, dir, new ClassLoader(null) {}).load();
  }

  @Test
  void scrubKeysDefaultToPythonsDenylist() {
    assertThat(load(Map.of(), new Properties()).getScrubKeys())
        .contains("password", "api_key", "token", "session", "x_forwarded_for", "XSRF-TOKEN")
        .doesNotContain("ip_address");
  }

  @Test
  void scrubKeysAreReplacedOrAddedToWhateverTheOrder() {
    Properties props = new Properties();
    props.setProperty("sentry.additional-scrub-keys", "card_number, cvv");
    props.setProperty("sentry.scrub-keys", "pin");
    assertThat(load(Map.of(), props).getScrubKeys()).containsExactly("pin", "card_number", "cvv");
    assertThat(load(Map.of("SENTRY_ADDITIONAL_SCRUB_KEYS", "iban"), new Properties()).getScrubKeys())
        .contains("password", "iban");
  }

  @Test
  void attachStacktraceIsOffByDefaultAndReadFromTheEnvironment() {
    assertThat(load(Map.of(), new Properties()).isAttachStacktrace()).isFalse();
    assertThat(load(Map.of("SENTRY_ATTACH_STACKTRACE", "true"), new Properties()).isAttachStacktrace()).isTrue();
  }

  @Test
  void aBlankScrubKeyNamesTheOption() {
    assertThatThrownBy(() -> new SentryOptions().addScrubKey(" "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scrubKeys");
  }
}
