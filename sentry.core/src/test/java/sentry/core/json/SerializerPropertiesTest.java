package sentry.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static sentry.core.json.JsonSupport.DEFAULTS;
import static sentry.core.json.JsonSupport.DESCRIBER;
import static sentry.core.json.JsonSupport.UNHANDLED;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import sentry.api.Breadcrumb;
import sentry.api.Message;
import sentry.api.SentryEvent;
import sentry.api.SentryId;
import sentry.api.User;

/**
 * Property tests over the serializer and the envelope writer: whatever an event holds, the output is
 * strict UTF-8, strict JSON, within the limits, and nothing throws.
 */
class SerializerPropertiesTest {
  private static final int MAX = EventSerializer.MAX_EVENT_BYTES;
  private final EventSerializer serializer = new EventSerializer(DEFAULTS, DESCRIBER);

  @AfterProperty
  void schema() {
    JsonSupport.validateParsedEvents();
  }

  // ---------------------------------------------------------------- generators

  /** Any UTF-16 text: lone surrogates, controls, NUL, BOM, noncharacters, plus ordinary text. */
  @Provide
  Arbitrary<String> nasty() {
    Arbitrary<Character> units = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, Arbitraries.chars().all()),
        net.jqwik.api.Tuple.of(2, Arbitraries.chars().range('\uD800', '\uDFFF')),
        net.jqwik.api.Tuple.of(2, Arbitraries.chars().range('\u0000', '\u001F')),
        net.jqwik.api.Tuple.of(1, Arbitraries.of('\u007F', '\u2028', '\u2029', '\uFEFF', '\uFFFE', '\uFFFF', '"', '\\')),
        net.jqwik.api.Tuple.of(2, Arbitraries.chars().alpha()));
    Arbitrary<String> small = units.list().ofMaxSize(300).map(SerializerPropertiesTest::join);
    Arbitrary<String> big = Arbitraries.integers().between(8_000, 1_100_000)
        .flatMap(n -> units.list().ofSize(20).map(seed -> repeat(join(seed), n)));
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(9, small), net.jqwik.api.Tuple.of(1, big));
  }

  private static String join(List<Character> chars) {
    StringBuilder out = new StringBuilder(chars.size());
    chars.forEach(out::append);
    return out.toString();
  }

  private static String repeat(String seed, int length) {
    if (seed.isEmpty()) {
      seed = "\uD800";
    }
    StringBuilder out = new StringBuilder(length);
    while (out.length() < length) {
      out.append(seed);
    }
    out.setLength(length);
    return out.toString();
  }

  // ---------------------------------------------------------------- checks

  /** Serializes, checks the bytes and the event JSON, and wraps them in an envelope checked too. */
  private JsonNode writeAndCheck(SentryEvent event) {
    byte[] json = serializer.serialize(event);
    assertThat(json.length).as("event bytes").isLessThanOrEqualTo(MAX);
    JsonNode node = JsonSupport.parseEvent(json);
    checkStrings(node);
    checkEnvelope(event.getEventId(), json);
    return node;
  }

  private static void checkEnvelope(SentryId id, byte[] json) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      new EnvelopeWriter(DEFAULTS.sdk(), Clock.systemUTC()).writeEvent(out, id, json, Map.of("before_send:error", 1L));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    String text = JsonSupport.strictUtf8(out.toByteArray());
    String[] lines = text.split("\n", -1);
    assertThat(lines.length).isGreaterThanOrEqualTo(3);
    for (String line : lines) {
      if (!line.isEmpty()) {
        JsonSupport.parse(line.getBytes(StandardCharsets.UTF_8));
      }
    }
    JsonNode itemHeader = JsonSupport.parse(lines[1].getBytes(StandardCharsets.UTF_8));
    assertThat(itemHeader.path("type").asText()).isEqualTo("event");
    assertThat(itemHeader.path("length").asLong()).isEqualTo(json.length);
  }

  /** Every string value is at most 8192 UTF-16 units and free of lone surrogates. */
  private static void checkStrings(JsonNode node) {
    if (node.isTextual()) {
      String text = node.asText();
      assertThat(text.length()).as("string length").isLessThanOrEqualTo(Text.MAX_CHARS);
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
          assertThat(i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)))
              .as("paired surrogate at %d", i).isTrue();
          i++;
        } else {
          assertThat(Character.isLowSurrogate(c)).as("lone low surrogate at %d", i).isFalse();
        }
      }
    }
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      assertThat(field.getKey().length()).isLessThanOrEqualTo(Text.MAX_CHARS);
      checkStrings(field.getValue());
    }
    if (node.isArray()) {
      node.forEach(SerializerPropertiesTest::checkStrings);
    }
  }

  // ---------------------------------------------------------------- properties

  @Property(tries = 150)
  void anyStringsAnywhereStayValidAndWithinLimits(
      @ForAll("nasty") String message, @ForAll("nasty") String tagKey, @ForAll("nasty") String tagValue,
      @ForAll("nasty") String extra, @ForAll("nasty") String crumb, @ForAll("nasty") String exceptionMessage) {
    SentryEvent event = SentryEvent.fromThrowable(new IllegalStateException(exceptionMessage), UNHANDLED);
    event.setMessage(new Message(message, List.of(extra, crumb), message));
    event.setLogger(tagValue);
    event.setRelease(tagKey);
    event.setTransaction(crumb);
    event.getTags().put(tagKey, tagValue);
    event.getExtra().put(extra, message);
    event.getExtra().put("k", extra);
    event.getContexts().put("app", new LinkedHashMap<>(Map.of("name", tagValue, tagKey, crumb)));
    event.getFingerprint().add(crumb);
    event.setUser(new User(tagKey, tagValue, null, null, Map.of(extra, crumb)));
    event.getBreadcrumbs().add(new Breadcrumb(crumb).setCategory(tagKey));
    JsonNode node = writeAndCheck(event);
    JsonNode tags = node.path("tags");
    tags.fieldNames().forEachRemaining(key -> {
      assertThat(key.length()).as("tag key").isLessThanOrEqualTo(32);
      assertThat(tags.path(key).asText().length()).as("tag value").isLessThan(200);
    });
    String formatted = node.path("logentry").path("formatted").asText("");
    assertThat(formatted.length()).isLessThanOrEqualTo(8192);
    if (message.length() > 8192 && !formatted.isEmpty()) {
      assertThat(formatted).endsWith(Text.CUT_MARK);
    }
  }

  /** Deep and cyclic maps and lists, and objects whose toString throws or returns null. */
  @Property(tries = 60)
  void deepCyclicAndHostileValuesInExtrasAndContexts(
      @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 5000) int depth,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 3) int kind) {
    Object deep = "leaf";
    for (int i = 0; i < depth; i++) {
      if (i % 2 == 0) {
        List<Object> list = new ArrayList<>();
        list.add(deep);
        deep = list;
      } else {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("d" + i, deep);
        deep = map;
      }
    }
    Map<String, Object> cyclic = new LinkedHashMap<>();
    List<Object> loop = new ArrayList<>();
    loop.add(cyclic);
    cyclic.put("self", cyclic);
    cyclic.put("loop", loop);
    loop.add(loop);
    Object hostile = switch (kind) {
      case 0 -> new Object() {
        @Override
        public String toString() {
          throw new IllegalStateException("toString exploded");
        }
      };
      case 1 -> new Object() {
        @Override
        public String toString() {
          return null;
        }
      };
      case 2 -> new Object() {
        @Override
        public String toString() {
          return toString(); // a StackOverflowError
        }
      };
      default -> new Iterable<Object>() {
        @Override
        public Iterator<Object> iterator() {
          throw new UnsupportedOperationException("no iterating");
        }
      };
    };
    SentryEvent event = new SentryEvent();
    event.setMessage(Message.of("deep"));
    event.getExtra().put("deep", deep);
    event.getExtra().put("cyclic", cyclic);
    event.getExtra().put("hostile", hostile);
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("deep", deep);
    context.put("cyclic", cyclic);
    context.put("hostile", hostile);
    event.getContexts().put("custom", context);
    event.getContexts().put("self", cyclic);
    writeAndCheck(event);
  }

  /** Throwables whose getMessage throws or returns null, cause cycles and suppressed cycles. */
  @Property(tries = 60)
  void hostileThrowablesDescribeWithoutThrowing(
      @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 4) int kind,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 300) int chain) {
    Throwable top = new RuntimeException("top");
    Throwable cursor = top;
    for (int i = 0; i < chain; i++) {
      Throwable next = switch (kind) {
        case 0 -> new MessageThrows();
        case 1 -> new RuntimeException((String) null);
        case 2 -> new ToStringThrows();
        default -> new IllegalArgumentException("link " + i);
      };
      cursor.initCause(next);
      cursor = next;
    }
    if (kind >= 3) {
      cursor.initCause(top); // a cause cycle
      top.addSuppressed(top.getCause());
      if (kind == 4) {
        cursor.addSuppressed(top);
      }
    }
    SentryEvent event = SentryEvent.fromThrowable(top, UNHANDLED);
    JsonNode node = writeAndCheck(event);
    JsonNode values = node.path("exception").path("values");
    assertThat(values.size()).isGreaterThanOrEqualTo(1);
    assertThat(values.get(values.size() - 1).path("type").asText()).isEqualTo("RuntimeException");
  }

  @Property(tries = 20)
  void hugeStacksKeepHeadAndTailAndSayWhatWasLeftOut(
      @ForAll @net.jqwik.api.constraints.IntRange(min = 5_000, max = 20_000) int frames) {
    Throwable error = new IllegalStateException("deep");
    StackTraceElement[] stack = new StackTraceElement[frames];
    for (int i = 0; i < frames; i++) {
      stack[i] = new StackTraceElement("com.acme.Deep" + (i % 7), "call" + i + "x".repeat(40), "Deep.java", i + 1);
    }
    error.setStackTrace(stack);
    checkHugeStack(error, frames);
  }

  @Example
  void aRealStackOverflowErrorIsSentWithHeadAndTail() {
    StackOverflowError overflow = null;
    try {
      recurse(0);
    } catch (StackOverflowError e) {
      overflow = e;
    }
    assertThat(overflow).isNotNull();
    checkHugeStack(overflow, overflow.getStackTrace().length);
  }

  @Example
  void tenThousandFrames() {
    Throwable error = new IllegalStateException("ten thousand");
    StackTraceElement[] stack = new StackTraceElement[10_000];
    for (int i = 0; i < stack.length; i++) {
      stack[i] = new StackTraceElement("com.acme.Deep", "call" + i, "Deep.java", i + 1);
    }
    error.setStackTrace(stack);
    checkHugeStack(error, stack.length);
  }

  private static int recurse(int n) {
    return recurse(n + 1) + 1;
  }

  private void checkHugeStack(Throwable error, int frames) {
    StackTraceElement[] stack = error.getStackTrace();
    JsonNode node = writeAndCheck(SentryEvent.fromThrowable(error, UNHANDLED));
    JsonNode values = node.path("exception").path("values");
    JsonNode last = values.get(values.size() - 1);
    JsonNode written = last.path("stacktrace").path("frames");
    long omitted = last.path("mechanism").path("data").path("frames_omitted").asLong(0);
    assertThat(written.size() + omitted).as("kept + omitted").isEqualTo(frames);
    if (omitted > 0) {
      assertThat(written.size()).as("some frames kept").isGreaterThan(0);
      // Frames run caller first: the outermost caller is the stack's last element, the thrower its first.
      assertThat(written.get(written.size() - 1).path("function").asText())
          .as("the frame that threw is kept").isEqualTo(stack[0].getMethodName());
      assertThat(written.get(0).path("function").asText())
          .as("the outermost caller is kept").isEqualTo(stack[stack.length - 1].getMethodName());
      assertThat(written.size()).isLessThanOrEqualTo(ExceptionDescriber.MAX_FRAMES);
    }
    if (frames > ExceptionDescriber.MAX_FRAMES) {
      assertThat(omitted).as("the omission is visible in mechanism.data.frames_omitted").isPositive();
    }
  }

  static final class MessageThrows extends RuntimeException {
    private static final long serialVersionUID = 1L;

    @Override
    public String getMessage() {
      throw new IllegalStateException("getMessage exploded");
    }

    @Override
    public String getLocalizedMessage() {
      throw new IllegalStateException("getLocalizedMessage exploded");
    }
  }

  static final class ToStringThrows extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ToStringThrows() {
      super((String) null);
    }

    @Override
    public String toString() {
      throw new IllegalStateException("toString exploded");
    }
  }
}
