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
        .hasMessageStartingWith("SENTRY_PROPERTIES_FILE=nope.properties: ")
        .hasMessageContaining("not a readable file");
    Properties props = new Properties();
    props.setProperty("sentry.properties.file", "gone.properties");
    assertThatThrownBy(() -> load(Map.of(), props))
        .hasMessageStartingWith("-Dsentry.properties.file=gone.properties: ");
  }

  @Test
  void badValuesNameTheSourceAsTheUserWroteIt() throws IOException {
    assertThatThrownBy(() -> load(Map.of("SENTRY_SAMPLE_RATE", "lots"), new Properties()))
        .hasMessage("SENTRY_SAMPLE_RATE=lots: expected a number");
    assertThatThrownBy(() -> load(Map.of("SENTRY_SAMPLE_RATE", "2"), new Properties()))
        .hasMessage("SENTRY_SAMPLE_RATE=2: expected a number from 0.0 to 1.0");
    Properties props = new Properties();
    props.setProperty("sentry.debug", "yes");
    assertThatThrownBy(() -> load(Map.of(), props))
        .hasMessage("-Dsentry.debug=yes: expected true or false");
    assertThatThrownBy(() -> load(Map.of("SENTRY_MAX_QUEUE_SIZE", "0"), new Properties()))
        .hasMessage("SENTRY_MAX_QUEUE_SIZE=0: expected a whole number from 1 to 100000");
    Files.writeString(dir.resolve("sentry.properties"), "sample-rate=2\n");
    assertThatThrownBy(() -> load(Map.of(), new Properties()))
        .hasMessage("sentry.properties (" + dir.resolve("sentry.properties").toAbsolutePath().toUri()
            + "): sample-rate=2: expected a number from 0.0 to 1.0");
  }

  @Test
  void aBadDsnIsNamedBySourceAtLoadTime() {
    assertThatThrownBy(() -> load(Map.of("SENTRY_DSN", "https://pub:topsecret@h/"), new Properties()))
        .hasMessageStartingWith("SENTRY_DSN=https://pub:")
        .hasMessageContaining("expected")
        .hasMessageNotContaining("topsecret");
  }

  @Test
  void propertiesFileOnTheClassPathIsNamedByItsUrl() throws IOException {
    Path classes = Files.createDirectories(dir.resolve("classes"));
    Files.writeString(classes.resolve("sentry.properties"), "enviroment=staging\nrelease=r1\n");
    ClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {classes.toUri().toURL()}, null);
    OptionsLoader.Loaded loaded =
        new OptionsLoader(Map.of(), new Properties(), dir.resolve("elsewhere"), loader).read();
    assertThat(loaded.options().getRelease()).isEqualTo("r1");
    assertThat(loaded.warnings()).containsExactly("sentry.properties ("
        + classes.resolve("sentry.properties").toUri().toURL()
        + "): unknown key 'enviroment', did you mean 'environment'?");
  }

  @Test
  void unknownKeysAreWarnedAboutWithTheNearestKnownOne() throws IOException {
    Files.writeString(dir.resolve("sentry.properties"), String.join("\n",
        "enviroment=staging", "sampleRate=0", "sample_rate=0", "frobnicate=yes", "proxy.hots=p",
        "defaults.org=acme", "tags.team=a", "") );
    Properties props = new Properties();
    props.setProperty("sentry.relase", "1");
    props.setProperty("sentry.demo.out", "left alone");
    OptionsLoader.Loaded loaded = new OptionsLoader(
        Map.of("SENTRY_ENVIROMENT", "x", "SENTRY_AUTH_TOKEN", "cli's", "SENTRY_ORG", "cli's"), props, dir,
        new ClassLoader(null) {}).read();
    String file = "sentry.properties (" + dir.resolve("sentry.properties").toAbsolutePath().toUri() + ")";
    assertThat(loaded.warnings()).containsExactly(
        file + ": unknown key 'enviroment', did you mean 'environment'?",
        file + ": unknown key 'frobnicate', ignored",
        file + ": unknown key 'proxy.hots', did you mean 'proxy.host'?",
        file + ": unknown key 'sampleRate', did you mean 'sample-rate'?",
        file + ": unknown key 'sample_rate', did you mean 'sample-rate'?",
        "environment: unknown variable 'SENTRY_ENVIROMENT', did you mean 'SENTRY_ENVIRONMENT'?",
        "system properties: unknown system property 'sentry.relase', did you mean 'sentry.release'?");
    // Suggested, not accepted: one spelling per key.
    assertThat(loaded.options().getSampleRate()).isEqualTo(1.0);
    assertThat(loaded.options().getEnvironment()).isEqualTo("production");
    assertThat(loaded.options().getTags()).containsEntry("team", "a");
  }

  @Test
  void everyAcceptedKeyIsInTheReadmeConfigurationTable() throws IOException {
    Path readme = Path.of(System.getProperty("basedir", ".")).resolve("../README.md");
    String text = Files.readString(readme);
    int start = text.indexOf("\n## Configuration\n");
    assertThat(start).as("README.md has a Configuration section").isPositive();
    int end = text.indexOf("\n## ", start + 1);
    java.util.Set<String> documented = new java.util.TreeSet<>();
    java.util.regex.Matcher row = java.util.regex.Pattern.compile("(?m)^\\| `([^`]+)` \\|")
        .matcher(text.substring(start, end < 0 ? text.length() : end));
    while (row.find()) {
      documented.add(row.group(1));
    }
    assertThat(documented).as("keys in README.md's Configuration table").isEqualTo(OptionsLoader.keys());
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

  @Test
  void everyKnownKeyHasASetter() {
    // A key listed but missing from the loader's switch would fail init with "no setter".
    for (String key : OptionsLoader.keys()) {
      if (key.startsWith("proxy.") || key.startsWith("tags.")) {
        continue;
      }
      for (String value : new String[] {"true", "1", "https://key@example.com/1"}) {
        Properties props = new Properties();
        props.setProperty("sentry." + key, value);
        try {
          load(Map.of(), props);
        } catch (IllegalArgumentException rejected) {
          // A value of the wrong kind for this key: the setter ran and refused it.
        } catch (IllegalStateException missing) {
          throw new AssertionError("sentry." + key + "=" + value, missing);
        }
      }
    }
  }
}
