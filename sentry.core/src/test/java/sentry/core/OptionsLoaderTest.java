package sentry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sentry.api.SentryOptions;

class OptionsLoaderTest {
  @TempDir Path dir;

  private SentryOptions load(Map<String, String> env, Properties props) {
    return new OptionsLoader(env, props, dir, new ClassLoader(null) {}).load();
  }

  @Test
  void defaultsWhenNothingIsSet() {
    SentryOptions options = load(Map.of(), new Properties());
    assertThat(options.getDsn()).isNull();
    assertThat(options.getEnvironment()).isEqualTo("production");
    assertThat(options.getMaxBreadcrumbs()).isEqualTo(100);
    assertThat(options.getShutdownTimeoutMillis()).isEqualTo(2000);
    assertThat(options.getMaxQueueSize()).isEqualTo(100);
    assertThat(options.getSampleRate()).isEqualTo(1.0);
  }

  @Test
  void laterSourcesOverrideEarlierOnes() throws IOException {
    Files.writeString(dir.resolve("sentry.properties"),
        "dsn=https://file@h/1\nenvironment=from-file\nrelease=file-release\ntags.team=file\n");
    Properties props = new Properties();
    props.setProperty("sentry.environment", "from-property");
    props.setProperty("unrelated", "x");
    SentryOptions options = load(
        Map.of("SENTRY_ENVIRONMENT", "from-env", "SENTRY_RELEASE", "env-release",
            "SENTRY_SAMPLE_RATE", "0.25", "SENTRY_TAGS_TEAM", "env", "SENTRY_AUTH_TOKEN", "ignored"),
        props);
    assertThat(options.getDsn()).isEqualTo("https://file@h/1");
    assertThat(options.getRelease()).isEqualTo("env-release");
    assertThat(options.getEnvironment()).isEqualTo("from-property");
    assertThat(options.getSampleRate()).isEqualTo(0.25);
    assertThat(options.getTags()).containsEntry("team", "env");
  }

  @Test
  void namedPropertiesFileWinsOverTheWorkingDirectory() throws IOException {
    Files.writeString(dir.resolve("sentry.properties"), "release=local\n");
    Files.writeString(dir.resolve("other.properties"), "release=named\nproxy.host=proxy.local\nproxy.port=3128\n");
    SentryOptions options = load(Map.of("SENTRY_PROPERTIES_FILE", "other.properties"), new Properties());
    assertThat(options.getRelease()).isEqualTo("named");
    assertThat(options.getProxy()).isEqualTo(new SentryOptions.Proxy("proxy.local", 3128, null, null));
  }

  @Test
  void missingNamedFileIsAClearError() {
    assertThatThrownBy(() -> load(Map.of("SENTRY_PROPERTIES_FILE", "nope.properties"), new Properties()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SENTRY_PROPERTIES_FILE")
        .hasMessageContaining("nope.properties");
  }

  @Test
  void badValuesNameTheSourceKeyValueAndRule() {
    assertThatThrownBy(() -> load(Map.of("SENTRY_SAMPLE_RATE", "lots"), new Properties()))
        .hasMessage("environment: sample-rate = \"lots\" is invalid: expected a number");
    assertThatThrownBy(() -> load(Map.of("SENTRY_SAMPLE_RATE", "1.5"), new Properties()))
        .hasMessageContaining("sample-rate = \"1.5\"")
        .hasMessageContaining("expected a number from 0.0 to 1.0");
    Properties props = new Properties();
    props.setProperty("sentry.debug", "yes");
    assertThatThrownBy(() -> load(Map.of(), props))
        .hasMessage("system properties: debug = \"yes\" is invalid: expected true or false");
    assertThatThrownBy(() -> load(Map.of("SENTRY_MAX_QUEUE_SIZE", "0"), new Properties()))
        .hasMessageContaining("maxQueueSize is 0: expected a whole number from 1 to 100000");
  }

  @Test
  void dsnSecretIsMaskedInErrors() {
    Properties props = new Properties();
    props.setProperty("sentry.dsn", "https://pub:topsecret@h/1");
    props.setProperty("sentry.sample-rate", "x");
    assertThatThrownBy(() -> load(Map.of(), props)).hasMessageNotContaining("topsecret");
  }

  @Test
  void listsAndBooleans() {
    SentryOptions options = load(Map.of("SENTRY_IN_APP_INCLUDES", "com.acme, org.acme",
        "SENTRY_DEFAULT_INTEGRATIONS", "false", "SENTRY_DISABLED_INTEGRATIONS", "argv,modules",
        "SENTRY_IGNORED_EXCEPTIONS_FOR_TYPE", "java.lang.IllegalStateException",
        "SENTRY_SEND_DEFAULT_PII", "TRUE"), new Properties());
    assertThat(options.getInAppIncludes()).containsExactly("com.acme", "org.acme");
    assertThat(options.isDefaultIntegrations()).isFalse();
    assertThat(options.getDisabledIntegrations()).containsExactlyInAnyOrder("argv", "modules");
    assertThat(options.getIgnoredExceptionsForType()).containsExactly("java.lang.IllegalStateException");
    assertThat(options.isSendDefaultPii()).isTrue();
  }
}
