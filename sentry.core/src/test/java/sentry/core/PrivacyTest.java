package sentry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sentry.api.Hint;
import sentry.api.Level;
import sentry.api.SentryOptions;
import sentry.api.User;
import sentry.core.json.JsonSupport;

/** Nothing secret or personal leaves through what the SDK collects or says on its own. */
class PrivacyTest {
  private static final String SECRET = "S3cr3tDsnKey9f8e7d";
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final List<String> logged = new ArrayList<>();
  private final Handler handler = new Handler() {
    private final SimpleFormatter formatter = new SimpleFormatter();

    @Override
    public void publish(LogRecord record) {
      synchronized (logged) {
        logged.add(formatter.format(record));
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private final Logger sentryLogger = Logger.getLogger("sentry");
  private java.util.logging.Level levelBefore;
  private TestReceiver receiver;
  private CoreBinding sentry;

  @BeforeEach
  void start() throws IOException {
    levelBefore = sentryLogger.getLevel();
    sentryLogger.setLevel(java.util.logging.Level.ALL);
    handler.setLevel(java.util.logging.Level.ALL);
    sentryLogger.addHandler(handler);
    receiver = new TestReceiver();
    sentry = new CoreBinding();
  }

  @AfterEach
  void stop() {
    sentry.close();
    receiver.close();
    sentryLogger.removeHandler(handler);
    sentryLogger.setLevel(levelBefore);
    JsonSupport.validateParsedEvents();
  }

  private String secretDsn() {
    return receiver.dsn().replace("//public@", "//public:" + SECRET + "@");
  }

  private String logs() {
    synchronized (logged) {
      return String.join("\n", logged);
    }
  }

  private void init(boolean sendDefaultPii) {
    sentry.init(options -> {
      options.setDsn(secretDsn());
      options.setDebug(true);
      options.setDefaultIntegrations(false);
      options.setSendDefaultPii(sendDefaultPii);
    });
  }

  @Test
  void theDsnSecretIsNeverLoggedShownOrSentOutsideTheAuthHeader() throws InterruptedException {
    init(false);
    sentry.currentHub().captureException(new IllegalStateException("boom"), new Hint());
    sentry.currentHub().captureMessage("hello", Level.INFO);
    assertThat(sentry.client().flush(WAIT)).isTrue();
    receiver.awaitEvents(2, WAIT);
    sentry.close();

    assertThat(logged).as("debug logging happened").isNotEmpty();
    assertThat(logs()).doesNotContain(SECRET);
    assertThat(sentry.client().toString()).doesNotContain(SECRET);
    assertThat(Dsn.parse(secretDsn()).toString()).doesNotContain(SECRET).contains("***");
    SentryOptions options = new SentryOptions();
    options.setDsn(secretDsn());
    assertThat(options.toString()).doesNotContain(SECRET);
    assertThat(receiver.requests()).isNotEmpty();
    for (TestReceiver.Request request : receiver.requests()) {
      assertThat(new String(request.body(), StandardCharsets.UTF_8)).doesNotContain(SECRET);
      for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
        if (!header.getKey().equalsIgnoreCase("X-Sentry-Auth")) {
          assertThat(header.getValue().toString()).as(header.getKey()).doesNotContain(SECRET);
        }
      }
    }
  }

  @Test
  void badDsnErrorsNameThePartButNeverTheSecret() {
    List<String> bad = List.of(
        "http://public:" + SECRET + "@127.0.0.1:1/",                 // no project id
        "ftp://public:" + SECRET + "@127.0.0.1/1",                   // bad scheme
        "http://:" + SECRET + "@127.0.0.1/1",                        // no public key
        "http://public:" + SECRET + "@/1",                           // no host
        "http://public:" + SECRET + "@127.0.0.1/1 x y",              // not a URI
        "http://public:" + SECRET + "@[::1/1");                      // broken host
    for (String dsn : bad) {
      Throwable parse = catchThrowable(() -> Dsn.parse(dsn));
      assertThat(parse).as(dsn).isInstanceOf(IllegalArgumentException.class);
      assertThat(describe(parse)).as(dsn).doesNotContain(SECRET);
      Throwable init = catchThrowable(() -> sentry.init(options -> {
        options.setDsn(dsn);
        options.setDebug(true);
        options.setDefaultIntegrations(false);
      }));
      assertThat(init).as(dsn).isNotNull();
      assertThat(describe(init)).as(dsn).doesNotContain(SECRET);
    }
    assertThat(logs()).doesNotContain(SECRET);
  }

  private static String describe(Throwable t) {
    StringBuilder out = new StringBuilder();
    for (Throwable cursor = t; cursor != null && out.length() < 100_000; cursor = cursor.getCause()) {
      out.append(cursor).append('\n');
      for (Throwable suppressed : cursor.getSuppressed()) {
        out.append(suppressed).append('\n');
      }
    }
    return out.toString();
  }

  @Test
  void withoutSendDefaultPiiTheSdkAddsNoUserNoIpAndNoCredentialHeaders() throws InterruptedException {
    checkNoPiiAdded(false);
  }

  @Test
  void withSendDefaultPiiTheSdkStillAddsNothingOfItsOwnAndSendsWhatTheAppSet() throws Exception {
    checkNoPiiAdded(true);
    receiver.close();
    receiver = new TestReceiver();
    init(true);
    sentry.currentHub().configureScope(scope -> scope.setUser(
        new User("u-7", "ann", "ann@example.invalid", "10.1.2.3", Map.of())));
    sentry.currentHub().captureMessage("with user", Level.INFO);
    assertThat(sentry.client().flush(WAIT)).isTrue();
    JsonNode event = receiver.awaitEvents(1, WAIT).get(0);
    assertThat(event.path("user").path("id").asText()).isEqualTo("u-7");
    assertThat(event.path("user").path("ip_address").asText()).isEqualTo("10.1.2.3");
    assertThat(event.path("user").path("email").asText()).isEqualTo("ann@example.invalid");
  }

  private void checkNoPiiAdded(boolean sendDefaultPii) throws InterruptedException {
    init(sendDefaultPii);
    sentry.currentHub().captureException(new IllegalStateException("boom"), new Hint());
    sentry.currentHub().captureMessage("hello", Level.WARNING);
    assertThat(sentry.client().flush(WAIT)).isTrue();
    List<JsonNode> events = receiver.awaitEvents(2, WAIT);
    assertThat(events).hasSize(2);
    for (JsonNode event : events) {
      assertThat(event.has("user")).as("no user added by the SDK").isFalse();
      assertThat(event.has("request")).as("no request data added by the SDK").isFalse();
      Set<String> keys = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
      collectKeys(event, keys);
      assertThat(keys).doesNotContain("authorization", "cookie", "set-cookie", "ip_address", "proxy-authorization");
      assertThat(event.toString()).doesNotContain("{{auto}}");
    }
    for (TestReceiver.Request request : receiver.requests()) {
      Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
      names.addAll(request.headers().keySet());
      assertThat(names).doesNotContain("Authorization", "Cookie", "Proxy-Authorization");
      Set<String> expected = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
      expected.addAll(List.of("X-Sentry-Auth", "User-Agent", "Content-Type", "Content-Encoding", "Content-Length",
          "Host", "Connection", "Accept", "Accept-Encoding", "Transfer-Encoding"));
      assertThat(expected).as("only the protocol's headers").containsAll(names);
      assertThat(request.header("X-Sentry-Auth")).contains("sentry_key=public");
    }
  }

  private static void collectKeys(JsonNode node, Set<String> keys) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      keys.add(field.getKey());
      collectKeys(field.getValue(), keys);
    }
    if (node.isArray()) {
      node.forEach(child -> collectKeys(child, keys));
    }
  }
}
