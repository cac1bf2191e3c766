package sentry.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Property tests of the trace headers: what this SDK writes reads back as it was, what it writes
 * follows the W3C and Sentry grammars, and nothing a sender can put in a header makes reading
 * throw or yields anything but a valid trace.
 */
class TraceHeadersPropertiesTest {
  private static final Pattern SENTRY_TRACE = Pattern.compile("[0-9a-f]{32}-[0-9a-f]{16}(-[01])?");
  private static final Pattern TRACEPARENT = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
  /** W3C baggage: key (a token) "=" value (baggage-octets), comma-separated. */
  private static final Pattern BAGGAGE_MEMBER =
      Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+=[\\x21\\x23-\\x2B\\x2D-\\x3A\\x3C-\\x5B\\x5D-\\x7E]*");
  private static final Pattern SAMPLE_RAND = Pattern.compile("0\\.\\d{6}");

  @Provide
  Arbitrary<String> ids32() {
    return Arbitraries.strings().withChars("0123456789abcdef").ofLength(32).filter(id -> !id.matches("0+"));
  }

  @Provide
  Arbitrary<String> ids16() {
    return Arbitraries.strings().withChars("0123456789abcdef").ofLength(16).filter(id -> !id.matches("0+"));
  }

  @Provide
  Arbitrary<Boolean> sampled() {
    return Arbitraries.of(true, false).injectNull(0.3);
  }

  /** Any text, as valid UTF-16 (baggage carries UTF-8, so lone surrogates cannot travel). */
  @Provide
  Arbitrary<String> text() {
    Arbitrary<Character> chars = Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.chars().ascii()),
        Tuple.of(2, Arbitraries.chars().with(' ', ',', ';', '%', '=', '"', '\\', '\t', '+', '/')),
        Tuple.of(2, Arbitraries.chars().range('\u00a0', '\ud7ff')));
    return chars.list().ofMaxSize(40).map(list -> {
      StringBuilder out = new StringBuilder();
      list.forEach(out::append);
      return out.toString();
    });
  }

  @Provide
  Arbitrary<Map<String, String>> samplingContexts() {
    Arbitrary<String> keys = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz_0123456789.-")
        .ofMinLength(1).ofMaxLength(12).filter(key -> !key.equals("trace_id") && !key.equals("sample_rand"));
    return Arbitraries.maps(keys, text()).ofMaxSize(12).map(LinkedHashMap::new);
  }

  @Property(tries = 300)
  void whatIsWrittenReadsBackAsItWas(@ForAll("ids32") String traceId, @ForAll("ids16") String spanId,
      @ForAll("sampled") Boolean sampled, @ForAll("samplingContexts") Map<String, String> dsc) {
    String sentryTrace = traceId + "-" + spanId + (sampled == null ? "" : sampled ? "-1" : "-0");
    Map<String, String> sent = new LinkedHashMap<>();
    sent.put("trace_id", traceId);
    sent.putAll(dsc);
    String baggage = "vendor=1," + TraceHeaders.baggage(sent) + ",other-vendor=x;p=1";

    PropagationContext continued = PropagationContext.continueFrom(sentryTrace, baggage);

    assertThat(continued.traceId()).isEqualTo(traceId);
    assertThat(continued.parentSpanId()).isEqualTo(spanId);
    assertThat(continued.sentryTrace()).isEqualTo(traceId + "-" + continued.spanId()
        + (sampled == null ? "" : sampled ? "-1" : "-0"));
    Map<String, String> received = new LinkedHashMap<>(continued.dynamicSamplingContext(null));
    assertThat(received.remove("sample_rand")).matches(SAMPLE_RAND);
    assertThat(received).containsExactlyEntriesOf(sent);
    // And once more through a W3C traceparent, which carries no baggage of its own.
    PropagationContext viaW3c = PropagationContext.continueFrom(continued.traceparent(), continued.baggage(null));
    assertThat(viaW3c.traceId()).isEqualTo(traceId);
    assertThat(viaW3c.parentSpanId()).isEqualTo(continued.spanId());
    assertThat(viaW3c.dynamicSamplingContext(null)).isEqualTo(continued.dynamicSamplingContext(null));
  }

  @Property(tries = 300)
  void whatIsWrittenFollowsTheGrammars(@ForAll("ids32") String traceId, @ForAll("ids16") String spanId,
      @ForAll("sampled") Boolean sampled, @ForAll("text") String release, @ForAll("text") String environment,
      @ForAll boolean continued) {
    PropagationContext context = continued
        ? PropagationContext.continueFrom(traceId + "-" + spanId + (sampled == null ? "" : sampled ? "-1" : "-0"), null)
        : PropagationContext.newTrace();
    PropagationContext.TraceHead head = new PropagationContext.TraceHead("publickey", release, environment);

    assertThat(context.sentryTrace()).matches(SENTRY_TRACE);
    assertThat(context.traceparent()).matches(TRACEPARENT);
    String baggage = context.baggage(head);
    assertThat(baggage.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(TraceHeaders.MAX_BAGGAGE_BYTES);
    List<String> members = List.of(baggage.split(","));
    assertThat(members).hasSizeLessThanOrEqualTo(TraceHeaders.MAX_BAGGAGE_MEMBERS)
        .allSatisfy(member -> assertThat(member).startsWith("sentry-").matches(BAGGAGE_MEMBER));
    assertThat(TraceHeaders.parseBaggage(baggage)).containsEntry("release", release)
        .containsEntry("environment", environment).containsEntry("trace_id", context.traceId())
        .hasEntrySatisfying("sample_rand", rand -> assertThat(rand).matches(SAMPLE_RAND));
  }

  @Provide
  Arbitrary<String> garbage() {
    Arbitrary<String> anything = Arbitraries.strings().all().ofMaxLength(200);
    Arbitrary<String> long10k = Arbitraries.strings().all().ofMinLength(10_000).ofMaxLength(12_000);
    Arbitrary<String> hexish = Arbitraries.strings().withChars("0123456789abcdefABCDEF-, \t").ofMaxLength(120);
    Arbitrary<String> baggageish = Arbitraries.strings().withChars("sentry-_=,;%abc09 é").ofMaxLength(300);
    return Arbitraries.oneOf(anything, long10k, hexish, baggageish).injectNull(0.05);
  }

  /** A valid header with one character changed, inserted or removed: the near misses. */
  @Provide
  Arbitrary<String> mutated() {
    Arbitrary<String> valid = Combinators.combine(ids32(), ids16(), Arbitraries.of("", "-1", "-0", "-01"))
        .as((trace, span, tail) -> tail.equals("-01") ? "00-" + trace + "-" + span + tail : trace + "-" + span + tail);
    return Combinators.combine(valid, Arbitraries.integers().between(0, 60), Arbitraries.chars().all(),
        Arbitraries.integers().between(0, 2)).as((text, at, c, how) -> {
          int i = Math.min(at, text.length());
          return switch (how) {
            case 0 -> text.substring(0, i) + c + text.substring(i);
            case 1 -> i < text.length() ? text.substring(0, i) + c + text.substring(i + 1) : text + c;
            default -> i < text.length() ? text.substring(0, i) + text.substring(i + 1) : text;
          };
        });
  }

  @Property(tries = 500)
  void garbageNeverThrowsAndAlwaysYieldsAValidTrace(@ForAll("garbage") String sentryTrace,
      @ForAll("garbage") String baggage) {
    assertValid(PropagationContext.continueFrom(sentryTrace, baggage));
    assertValid(PropagationContext.fromEnvironment(sentryTrace == null ? Map.of()
        : baggage == null ? Map.of("SUBPROCESS_SENTRY_TRACE", sentryTrace)
        : Map.of("SUBPROCESS_SENTRY_TRACE", sentryTrace, "SUBPROCESS_BAGGAGE", baggage)));
  }

  @Property(tries = 500)
  void nearMissesAreEitherReadExactlyOrStartANewTrace(@ForAll("mutated") String sentryTrace) {
    PropagationContext context = PropagationContext.continueFrom(sentryTrace, null);
    assertValid(context);
    if (context.parentSpanId() != null) {
      // Read: then the header was valid, and it said this trace and span.
      String header = sentryTrace.strip();
      assertThat(header).contains(context.traceId() + "-" + context.parentSpanId());
    }
  }

  private static void assertValid(PropagationContext context) {
    assertThat(context.sentryTrace()).matches(SENTRY_TRACE);
    assertThat(context.traceparent()).matches(TRACEPARENT);
    assertThat(context.traceContext().get("trace_id")).isEqualTo(context.traceId());
    String baggage = context.baggage(new PropagationContext.TraceHead("k", "r", "e"));
    assertThat(baggage.length()).isLessThanOrEqualTo(TraceHeaders.MAX_BAGGAGE_BYTES);
    assertThat(TraceHeaders.parseBaggage(baggage)).isNotNull();
  }
}
