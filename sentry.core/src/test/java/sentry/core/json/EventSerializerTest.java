package sentry.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static sentry.core.json.JsonSupport.DEFAULTS;
import static sentry.core.json.JsonSupport.DESCRIBER;
import static sentry.core.json.JsonSupport.UNHANDLED;
import static sentry.core.json.JsonSupport.parse;
import static sentry.core.json.JsonSupport.parseEvent;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import sentry.api.Breadcrumb;
import sentry.api.Level;
import sentry.api.Mechanism;
import sentry.api.Message;
import sentry.api.SentryEvent;
import sentry.api.SentryException;
import sentry.api.StackFrame;
import sentry.api.User;

class EventSerializerTest {
  private final EventSerializer serializer = new EventSerializer(DEFAULTS, DESCRIBER);

  @AfterEach
  void everyEventWrittenMatchesTheSchema() {
    JsonSupport.validateParsedEvents();
  }

  private JsonNode write(SentryEvent event) {
    return parseEvent(serializer.serialize(event));
  }

  @Test
  void aFullEventHasEveryKeyInTheProtocolsMeaning() {
    SentryEvent event = SentryEvent.fromThrowable(ExceptionDescriberTest.referenceChain(), Mechanism.GENERIC);
    event.setTimestamp(Instant.parse("2026-11-22T01:28:10.682Z"));
    event.setLogger("com.acme.Service");
    event.setMessage(new Message("user {} failed", List.of("42"), "user 42 failed"));
    event.setRelease("app@1.0.0");
    event.setEnvironment("staging");
    event.setDist("7");
    event.setTransaction("GET /users");
    event.setUser(new User("u1", "ann", "ann@example.invalid", "10.0.0.1", Map.of("plan", "pro")));
    event.getTags().put("region", "eu");
    event.getExtra().put("attempt", 3);
    event.getModules().put("com.acme:lib", "1.2");
    event.getFingerprint().add("{{ default }}");
    event.getBreadcrumbs().add(new Breadcrumb("first").setTimestamp(Instant.parse("2026-11-22T01:28:09Z")));
    event.getBreadcrumbs().add(new Breadcrumb("second").setCategory("http").setType("http").setLevel(null)
        .setData("status", 200));

    JsonNode json = write(event);

    // 32 lower-case hex digits, no dashes: what Sentry's event schema asks and every Sentry SDK sends.
    assertThat(json.get("event_id").asText())
        .isEqualTo(event.getEventId().value())
        .matches("[0-9a-f]{32}");
    assertThat(json.get("timestamp").asText()).isEqualTo("2026-11-22T01:28:10.682Z");
    assertThat(json.get("platform").asText()).isEqualTo("java");
    assertThat(json.get("level").asText()).isEqualTo("error");
    assertThat(json.get("logger").asText()).isEqualTo("com.acme.Service");
    assertThat(json.get("logentry").toString())
        .isEqualTo("{\"message\":\"user {} failed\",\"params\":[\"42\"],\"formatted\":\"user 42 failed\"}");
    assertThat(json.get("release").asText()).isEqualTo("app@1.0.0");
    assertThat(json.get("environment").asText()).isEqualTo("staging");
    assertThat(json.get("dist").asText()).isEqualTo("7");
    assertThat(json.get("server_name").asText()).isEqualTo("default-host");
    assertThat(json.get("transaction").asText()).isEqualTo("GET /users");
    assertThat(json.get("user").toString()).isEqualTo(
        "{\"id\":\"u1\",\"username\":\"ann\",\"email\":\"ann@example.invalid\",\"ip_address\":\"10.0.0.1\","
            + "\"data\":{\"plan\":\"pro\"}}");
    assertThat(json.get("tags").toString()).isEqualTo("{\"region\":\"eu\"}");
    assertThat(json.get("extra").toString()).isEqualTo("{\"attempt\":3}");
    assertThat(json.get("modules").toString()).isEqualTo("{\"com.acme:lib\":\"1.2\"}");
    assertThat(json.get("fingerprint").toString()).isEqualTo("[\"{{ default }}\"]");
    assertThat(json.get("breadcrumbs").get("values")).hasSize(2);
    assertThat(json.get("breadcrumbs").get("values").get(0).toString()).isEqualTo(
        "{\"timestamp\":\"2026-11-22T01:28:09.000Z\",\"type\":\"default\",\"message\":\"first\","
            + "\"level\":\"info\"}");
    assertThat(json.get("breadcrumbs").get("values").get(1).toString()).isEqualTo(
        "{\"timestamp\":\"" + Text.timestamp(event.getBreadcrumbs().get(1).getTimestamp())
            + "\",\"type\":\"http\",\"category\":\"http\",\"message\":\"second\",\"data\":{\"status\":200}}");
    assertThat(json.get("sdk").toString()).isEqualTo(
        "{\"name\":\"sentry.java.modular\",\"version\":\"0.1.0\","
            + "\"integrations\":[\"dedupe\",\"excepthook\"],"
            + "\"packages\":[{\"name\":\"maven:dev.sentrysdk:sentry-core\",\"version\":\"0.1.0\"}]}");
    assertThat(json.get("threads").toString()).isEqualTo("{\"values\":[{\"id\":" + event.getThreadId()
        + ",\"name\":\"" + event.getThreadName() + "\",\"current\":true,\"crashed\":false}]}");
    assertThat(json.get("contexts").get("runtime").get("version").asText()).isEqualTo("17.0.15");
    assertThat(json.has("errors")).isFalse();
  }

  @Test
  void theExceptionChainHasTheReferenceEnvelopesShape() throws IOException {
    Path reference = JsonSupport.sharedDir().resolve("reference/sentry-java-8.62.0-exception.envelope");
    Assumptions.assumeTrue(
        Files.isRegularFile(reference), reference + " is missing: reference comparison skipped");
    String[] lines = new String(Files.readAllBytes(reference), StandardCharsets.UTF_8).split("\n");
    JsonNode official = parse(lines[2].getBytes(StandardCharsets.UTF_8)).get("exception").get("values");

    SentryEvent event = SentryEvent.fromThrowable(ExceptionDescriberTest.referenceChain(), Mechanism.GENERIC);
    JsonNode ours = write(event).get("exception").get("values");

    assertThat(ours).hasSameSizeAs(official);
    for (int i = 0; i < official.size(); i++) {
      JsonNode theirs = official.get(i);
      JsonNode mine = ours.get(i);
      assertThat(mine.get("type")).isEqualTo(theirs.get("type"));
      assertThat(mine.get("value")).isEqualTo(theirs.get("value"));
      assertThat(mine.get("module")).isEqualTo(theirs.get("module"));
      JsonNode myMechanism = mine.get("mechanism");
      JsonNode theirMechanism = theirs.get("mechanism");
      assertThat(myMechanism.get("exception_id")).isEqualTo(theirMechanism.get("exception_id"));
      assertThat(myMechanism.get("parent_id")).isEqualTo(theirMechanism.get("parent_id"));
      assertThat(mine.has("thread_id")).isTrue();
      // Their program ran main → outer → middle → inner; ours runs the same methods under JUnit.
      List<String> theirFunctions = functions(theirs);
      List<String> myFunctions = functions(mine);
      List<String> called = theirFunctions.subList(1, theirFunctions.size());
      assertThat(myFunctions.subList(myFunctions.size() - called.size(), myFunctions.size()))
          .isEqualTo(called);
      if (i < official.size() - 1) {
        assertThat(myMechanism.get("type")).isEqualTo(theirMechanism.get("type"));
        assertThat(myMechanism.has("handled")).isFalse();
      }
    }
    JsonNode top = ours.get(ours.size() - 1).get("mechanism");
    assertThat(top.toString()).isEqualTo("{\"type\":\"generic\",\"handled\":true,\"exception_id\":0}");
  }

  private static List<String> functions(JsonNode exception) {
    List<String> functions = new ArrayList<>();
    exception.get("stacktrace").get("frames").forEach(frame -> functions.add(frame.get("function").asText()));
    return functions;
  }

  @Test
  void framesCarryFileFunctionModuleLineInAppAndPackage() {
    NumberFormatException thrown = null;
    try {
      Integer.parseInt("x");
    } catch (NumberFormatException e) {
      thrown = e;
    }
    JsonNode frames = write(SentryEvent.fromThrowable(thrown, Mechanism.GENERIC))
        .get("exception").get("values").get(0).get("stacktrace").get("frames");

    JsonNode last = frames.get(frames.size() - 1);
    assertThat(last.get("module").asText()).isEqualTo("java.lang.NumberFormatException");
    assertThat(last.get("function").asText()).isEqualTo("forInputString");
    assertThat(last.get("filename").asText()).isEqualTo("NumberFormatException.java");
    assertThat(last.get("lineno").asInt()).isPositive();
    assertThat(last.get("in_app").asBoolean()).isFalse();
    assertThat(last.get("package").asText()).startsWith("java.base@" + Runtime.version().feature());
    assertThat(last.has("native")).isFalse();
  }

  @Test
  void anEventNotYetDescribedIsDescribedHereAndLeftAsItWas() {
    SentryEvent event = SentryEvent.fromThrowable(new IllegalStateException("late"), UNHANDLED);

    JsonNode json = write(event);

    assertThat(event.hasDescribedExceptions()).isFalse();
    JsonNode value = json.get("exception").get("values").get(0);
    assertThat(value.get("type").asText()).isEqualTo("IllegalStateException");
    assertThat(value.get("mechanism").toString())
        .isEqualTo("{\"type\":\"excepthook\",\"handled\":false,\"exception_id\":0}");
    assertThat(value.get("thread_id").asLong()).isEqualTo(event.getThreadId());
    assertThat(json.get("threads").get("values").get(0).get("crashed").asBoolean()).isTrue();
  }

  @Test
  void anEventsOwnExceptionListIsWrittenAsItIs() {
    SentryEvent event = SentryEvent.fromThrowable(new IllegalStateException("ignored"), Mechanism.GENERIC);
    StackFrame frame = new StackFrame(null, "run", "com.acme.Job", null, true, null, true);
    event.setExceptions(List.of(
        new SentryException("JobFailed", "custom", "com.acme", 9, new Mechanism("custom", true), 0, null,
            List.of(frame), 0)));

    JsonNode value = write(event).get("exception").get("values").get(0);

    assertThat(value.toString()).isEqualTo(
        "{\"type\":\"JobFailed\",\"value\":\"custom\",\"module\":\"com.acme\",\"thread_id\":9,"
            + "\"stacktrace\":{\"frames\":[{\"function\":\"run\",\"module\":\"com.acme.Job\","
            + "\"in_app\":true}]},"
            + "\"mechanism\":{\"type\":\"custom\",\"handled\":true,\"exception_id\":0}}");
  }

  @Test
  void aMessageEventHasNoExceptionNoLevelWhenUnsetAndTheDefaults() {
    SentryEvent event = new SentryEvent();
    event.setMessage(Message.of("hello"));
    event.setServerName("own-host");

    JsonNode json = write(event);

    assertThat(json.has("exception")).isFalse();
    assertThat(json.has("level")).isFalse();
    assertThat(json.has("fingerprint")).isFalse();
    assertThat(json.has("breadcrumbs")).isFalse();
    assertThat(json.has("extra")).isFalse();
    assertThat(json.get("logentry").toString()).isEqualTo("{\"message\":\"hello\",\"formatted\":\"hello\"}");
    assertThat(json.get("server_name").asText()).isEqualTo("own-host");
    assertThat(json.get("environment").asText()).isEqualTo("production");
    assertThat(json.get("threads").get("values").get(0).get("crashed").asBoolean()).isFalse();
  }

  @Test
  void theEventsContextsWinOverTheDefaults() {
    SentryEvent event = new SentryEvent();
    event.getContexts().put("runtime", Map.of("name", "Mine"));
    event.getContexts().put("app", Map.of("app_name", "shop"));

    JsonNode contexts = write(event).get("contexts");

    assertThat(contexts.get("runtime").toString()).isEqualTo("{\"name\":\"Mine\"}");
    assertThat(contexts.get("os").get("name").asText()).isEqualTo("Linux");
    assertThat(contexts.get("app").get("app_name").asText()).isEqualTo("shop");
  }

  @Test
  void loneSurrogatesBecomeReplacementCharactersAndControlCharactersSurvive() {
    RuntimeException thrown = new RuntimeException("a\uD800b\uDC00c\u0000\u0007\n\t\u001f");
    SentryEvent event = SentryEvent.fromThrowable(thrown, Mechanism.GENERIC);
    event.setMessage(Message.of("pair \uD83D\uDE00 ok, reversed \uDE00\uD83D"));
    event.getTags().put("t\uDBFF", "v\uDFFF");
    event.getExtra().put("k\uD800", List.of('\uDC00', "x\uD800"));
    event.getBreadcrumbs().add(new Breadcrumb("crumb\uD800"));

    byte[] bytes = serializer.serialize(event);
    JsonNode json = parseEvent(bytes);

    assertThat(JsonSupport.strictUtf8(bytes)).doesNotContain("\\ud800", "\\uD800");
    assertThat(json.get("exception").get("values").get(0).get("value").asText())
        .isEqualTo("a\uFFFDb\uFFFDc\u0000\u0007\n\t\u001f");
    assertThat(json.get("logentry").get("formatted").asText())
        .isEqualTo("pair \uD83D\uDE00 ok, reversed \uFFFD\uFFFD");
    assertThat(json.get("tags").get("t\uFFFD").asText()).isEqualTo("v\uFFFD");
    assertThat(json.get("extra").get("k\uFFFD").toString()).isEqualTo("[\"\uFFFD\",\"x\uFFFD\"]");
    assertThat(json.get("breadcrumbs").get("values").get(0).get("message").asText()).isEqualTo("crumb\uFFFD");
  }

  @Test
  void longStringsAreCutTo8192UnitsWithoutSplittingASurrogatePair() {
    String text = "a".repeat(8188) + "\uD83D\uDE00" + "b".repeat(5000);
    SentryEvent event = SentryEvent.fromThrowable(new RuntimeException(text), Mechanism.GENERIC);
    event.setMessage(Message.of("m".repeat(20_000)));
    event.getExtra().put("long", "e".repeat(9000));

    JsonNode json = write(event);

    String value = json.get("exception").get("values").get(0).get("value").asText();
    // 8189 units are kept before "...", but the 8189th would be half a pair: it goes too.
    assertThat(value).isEqualTo("a".repeat(8188) + "...");
    assertThat(json.get("logentry").get("formatted").asText()).hasSize(8192).endsWith("m...");
    assertThat(json.get("logentry").get("message").asText()).hasSize(8192);
    assertThat(json.get("extra").get("long").asText()).hasSize(8192);
    assertThat(Text.clean("x".repeat(8187) + "\uD83D\uDE00" + "y".repeat(10), 8192))
        .isEqualTo("x".repeat(8187) + "\uD83D\uDE00" + "...");
  }

  @Test
  void tagKeysAreAtMost32AndValuesUnder200() {
    SentryEvent event = new SentryEvent();
    event.getTags().put("k".repeat(40), "v".repeat(300));
    event.getTags().put("k".repeat(41), "second key that reads the same once cut");
    event.getTags().put("null value", null);

    JsonNode tags = write(event).get("tags");

    assertThat(tags.size()).isEqualTo(1);
    String key = tags.fieldNames().next();
    assertThat(key).hasSize(32).endsWith("...");
    assertThat(tags.get(key).asText()).hasSize(199).endsWith("...");
  }

  enum Color { RED }

  @Test
  void extraValuesOfAnyKindAreWrittenSafely() {
    Map<String, Object> cyclic = new LinkedHashMap<>();
    cyclic.put("name", "loop");
    cyclic.put("self", cyclic);
    List<Object> list = new ArrayList<>();
    list.add(1);
    list.add(list);
    Object deep = "bottom";
    for (int i = 0; i < 20; i++) {
      deep = List.of(deep);
    }
    Object broken = new Object() {
      @Override
      public String toString() {
        throw new IllegalStateException("no");
      }
    };
    SentryEvent event = new SentryEvent();
    Map<String, Object> extra = event.getExtra();
    extra.put("cyclic", cyclic);
    extra.put("list", list);
    extra.put("deep", deep);
    extra.put("broken", broken);
    extra.put("numbers", new Object[] {
      Double.NaN, Double.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0.1f, 2.5,
      new BigInteger("123456789012345678901234567890"), new BigDecimal("1.25"), (short) 7
    });
    extra.put("ints", new int[] {1, 2, 3});
    extra.put("misc", Arrays.asList('c', Color.RED, true, null, Instant.parse("2026-01-01T00:00:00Z")));
    extra.put("keys", Map.of(1, "one"));

    JsonNode json = write(event).get("extra");

    assertThat(json.get("cyclic").toString()).isEqualTo("{\"name\":\"loop\",\"self\":\"<cyclic>\"}");
    assertThat(json.get("list").toString()).isEqualTo("[1,\"<cyclic>\"]");
    assertThat(json.get("deep").toString()).contains(ValueWriter.TOO_DEEP).doesNotContain("bottom");
    assertThat(json.get("broken").asText()).isEqualTo("<toString failed: java.lang.IllegalStateException>");
    assertThat(json.get("numbers").toString()).isEqualTo(
        "[\"NaN\",\"Infinity\",\"-Infinity\",0.1,2.5,\"123456789012345678901234567890\",1.25,7]");
    assertThat(json.get("ints").toString()).isEqualTo("[1,2,3]");
    assertThat(json.get("misc").toString()).isEqualTo("[\"c\",\"RED\",true,null,\"2026-01-01T00:00:00Z\"]");
    assertThat(json.get("keys").toString()).isEqualTo("{\"1\":\"one\"}");
  }

  @Test
  void aMapThatThrowsWhileCopiedBecomesAMarker() {
    Map<String, Object> hostile = new LinkedHashMap<>() {
      private static final long serialVersionUID = 1L;

      @Override
      public Set<Map.Entry<String, Object>> entrySet() {
        throw new UnsupportedOperationException("nope");
      }
    };
    SentryEvent event = new SentryEvent();
    event.getExtra().put("hostile", hostile);
    event.getBreadcrumbs().add(new Breadcrumb("b").setData("hostile", hostile));

    JsonNode json = write(event);

    assertThat(json.get("extra").get("hostile").asText()).startsWith("<unreadable ");
    JsonNode data = json.get("breadcrumbs").get("values").get(0).get("data");
    assertThat(data.get("hostile").asText()).startsWith("<unreadable ");
  }

  @Test
  void anEventOverOneMegabyteLosesItsOldestBreadcrumbsFirst() {
    SentryEvent event = SentryEvent.fromThrowable(new RuntimeException("big"), Mechanism.GENERIC);
    for (int i = 0; i < 2000; i++) {
      event.getBreadcrumbs().add(new Breadcrumb("crumb " + i + " " + "x".repeat(1000)));
    }
    event.getExtra().put("small", "kept");

    byte[] bytes = serializer.serialize(event);
    JsonNode json = parseEvent(bytes);

    assertThat(bytes.length).isLessThanOrEqualTo(EventSerializer.MAX_EVENT_BYTES).isGreaterThan(900_000);
    JsonNode crumbs = json.get("breadcrumbs").get("values");
    assertThat(crumbs.size()).isBetween(500, 1999);
    assertThat(crumbs.get(crumbs.size() - 1).get("message").asText()).startsWith("crumb 1999 ");
    assertThat(json.get("extra").get("small").asText()).isEqualTo("kept");
    assertThat(json.get("errors")).hasSize(1);
    assertThat(json.get("errors").get(0).get("type").asText()).isEqualTo("value_too_long");
    assertThat(json.get("errors").get(0).get("name").asText()).isEqualTo("breadcrumbs");
    assertThat(json.get("errors").get(0).get("value").asText())
        .startsWith("removed the " + (2000 - crumbs.size()) + " oldest of 2000 breadcrumbs");
  }

  @Test
  void thenItsLargestExtras() {
    SentryEvent event = new SentryEvent();
    event.getExtra().put("large", strings(150));
    event.getExtra().put("also large", strings(140));
    event.getExtra().put("medium", strings(40));
    event.getExtra().put("small", 1);

    byte[] bytes = serializer.serialize(event);
    JsonNode json = parseEvent(bytes);

    assertThat(bytes.length).isLessThanOrEqualTo(EventSerializer.MAX_EVENT_BYTES);
    assertThat(json.get("extra").get("medium")).hasSize(40);
    assertThat(json.get("extra").get("small").asInt()).isEqualTo(1);
    assertThat(json.get("extra").size()).isEqualTo(2);
    assertThat(json.get("errors")).hasSize(1);
    assertThat(json.get("errors").get(0).get("name").asText()).isEqualTo("extra");
    assertThat(json.get("errors").get(0).get("value").asText()).endsWith(": large, also large");
  }

  private static List<String> strings(int count) {
    List<String> strings = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      strings.add("y".repeat(8000));
    }
    return strings;
  }

  private static SentryEvent chainOf31With300Frames(String message) {
    Throwable chain = new RuntimeException(message);
    StackTraceElement[] stack = new StackTraceElement[300];
    for (int i = 0; i < stack.length; i++) {
      stack[i] = new StackTraceElement("com.acme.C" + i, "m" + i, "C.java", i);
    }
    chain.setStackTrace(stack);
    for (int i = 0; i < 30; i++) {
      chain = new RuntimeException(message, chain);
      chain.setStackTrace(stack);
    }
    return SentryEvent.fromThrowable(chain, Mechanism.GENERIC);
  }

  @Test
  void thenTheMiddleFramesOfEachException() {
    SentryEvent event = chainOf31With300Frames("short");
    event.getTags().put("tag", "value");

    byte[] bytes = new EventSerializer(DEFAULTS, DESCRIBER, 200_000).serialize(event);
    JsonNode json = parseEvent(bytes);

    assertThat(bytes.length).isLessThanOrEqualTo(200_000);
    JsonNode first = json.get("exception").get("values").get(0);
    int kept = first.get("stacktrace").get("frames").size();
    assertThat(kept).isLessThan(100);
    assertThat(first.get("mechanism").get("data").get("frames_omitted").asInt()).isEqualTo(300 - kept);
    assertThat(first.get("stacktrace").get("frames").get(kept - 1).get("function").asText()).isEqualTo("m0");
    assertThat(json.get("errors")).hasSize(1);
    assertThat(json.get("errors").get(0).get("name").asText()).isEqualTo("exception");
    assertThat(json.get("tags").get("tag").asText()).isEqualTo("value");
  }

  @Test
  void thenEverythingButTheErrorAndFinallyStringLength() {
    SentryEvent minimalEvent = chainOf31With300Frames("short");
    for (int i = 0; i < 100; i++) {
      minimalEvent.getTags().put("tag" + i, "v".repeat(190));
    }
    SentryEvent tinyEvent = chainOf31With300Frames("z".repeat(9000));

    byte[] minimalBytes = new EventSerializer(DEFAULTS, DESCRIBER, 10_000).serialize(minimalEvent);
    byte[] tinyBytes = new EventSerializer(DEFAULTS, DESCRIBER, 100_000).serialize(tinyEvent);
    JsonNode minimal = parseEvent(minimalBytes);
    JsonNode tiny = parseEvent(tinyBytes);

    assertThat(minimalBytes.length).isLessThanOrEqualTo(10_000);
    assertThat(minimal.has("tags")).isFalse();
    assertThat(minimal.has("contexts")).isFalse();
    assertThat(minimal.get("exception").get("values")).hasSize(31);
    assertThat(minimal.get("exception").get("values").get(0).has("stacktrace")).isFalse();
    assertThat(minimal.get("errors").toString()).contains("removed user, tags").doesNotContain("cut strings");
    assertThat(tinyBytes.length).isLessThanOrEqualTo(100_000);
    assertThat(tiny.get("exception").get("values").get(0).get("value").asText()).hasSize(Cuts.TINY_CHARS);
    assertThat(tiny.get("errors").toString()).contains("cut strings to 256 characters");
  }

  @Test
  void aTenThousandFrameStackOverflowStaysSmall() {
    RuntimeException huge = new RuntimeException("deep");
    StackTraceElement[] stack = new StackTraceElement[10_000];
    for (int i = 0; i < stack.length; i++) {
      stack[i] = new StackTraceElement("com.acme.Deep", "level" + i, "Deep.java", i + 1);
    }
    huge.setStackTrace(stack);

    byte[] bytes = serializer.serialize(SentryEvent.fromThrowable(huge, UNHANDLED));
    JsonNode value = parseEvent(bytes).get("exception").get("values").get(0);

    assertThat(bytes.length).isLessThan(20_000);
    assertThat(value.get("stacktrace").get("frames")).hasSize(100);
    assertThat(value.get("mechanism").get("data").get("frames_omitted").asInt()).isEqualTo(9_900);
  }

  @Test
  void levelsAndBreadcrumbLevelsUseTheProtocolNames() {
    SentryEvent event = new SentryEvent();
    event.setLevel(Level.WARNING);
    event.getBreadcrumbs().add(new Breadcrumb("d").setLevel(Level.DEBUG));

    JsonNode json = write(event);

    assertThat(json.get("level").asText()).isEqualTo("warning");
    assertThat(json.get("breadcrumbs").get("values").get(0).get("level").asText()).isEqualTo("debug");
  }
}
