package sentry.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Reading {@code sentry-trace}, {@code traceparent} and {@code baggage}: the cases by name. */
class TraceHeadersTest {
  private static final String TRACE = "771a43a4192642f0b136d5159a501700";
  private static final String SPAN = "b0e6f15b45c36b12";

  @Test
  void aSentryTraceIsContinuedWithANewSpanOfItsOwn() {
    PropagationContext context = PropagationContext.continueFrom(TRACE + "-" + SPAN + "-1", null);
    assertThat(context.traceId()).isEqualTo(TRACE);
    assertThat(context.parentSpanId()).isEqualTo(SPAN);
    assertThat(context.spanId()).matches("[0-9a-f]{16}").isNotEqualTo(SPAN);
    assertThat(context.sentryTrace()).isEqualTo(TRACE + "-" + context.spanId() + "-1");
    assertThat(context.traceparent()).isEqualTo("00-" + TRACE + "-" + context.spanId() + "-01");
    assertThat(context.traceContext()).containsExactly(Map.entry("trace_id", TRACE),
        Map.entry("span_id", context.spanId()), Map.entry("parent_span_id", SPAN));
  }

  @Test
  void withoutASampledFlagNoneIsSentOnAndTraceparentSaysNotSampled() {
    PropagationContext context = PropagationContext.continueFrom(" " + TRACE + "-" + SPAN + "\t", null);
    assertThat(context.traceId()).isEqualTo(TRACE);
    assertThat(context.sentryTrace()).isEqualTo(TRACE + "-" + context.spanId());
    assertThat(context.traceparent()).endsWith("-00");
    assertThat(PropagationContext.continueFrom(TRACE + "-" + SPAN + "-0", null).sentryTrace()).endsWith("-0");
  }

  @Test
  void aW3cTraceparentIsContinuedWithItsSampledFlag() {
    PropagationContext sampled = PropagationContext.continueFrom("00-" + TRACE + "-" + SPAN + "-01", null);
    assertThat(sampled.traceId()).isEqualTo(TRACE);
    assertThat(sampled.parentSpanId()).isEqualTo(SPAN);
    assertThat(sampled.sentryTrace()).endsWith("-1");
    assertThat(PropagationContext.continueFrom("00-" + TRACE + "-" + SPAN + "-02", null).sentryTrace()).endsWith("-0");
    // A later version may append fields after a dash.
    assertThat(PropagationContext.continueFrom("cc-" + TRACE + "-" + SPAN + "-01-what-comes", null).traceId())
        .isEqualTo(TRACE);
  }

  @Test
  void theIncomingSentryBaggageIsTheSamplingContextUnchangedAndOtherVendorsAreLeftOut() {
    String baggage = "other=1, sentry-trace_id=" + TRACE + ",sentry-public_key=49d0f7386ad645858ae85020e393bef3,"
        + "sentry-release=shop%401.0%2C%20eu,sentry-environment=prod;prop=x,sentry-sample_rand=0.250000,"
        + "sentry-transaction=GET%20%2Forders,sentry-sampled=true,sentry-custom_key=v";
    PropagationContext context = PropagationContext.continueFrom(TRACE + "-" + SPAN, baggage);
    Map<String, String> dsc = context.dynamicSamplingContext(new PropagationContext.TraceHead("ours", "r", "e"));
    assertThat(dsc).containsExactly(Map.entry("trace_id", TRACE),
        Map.entry("public_key", "49d0f7386ad645858ae85020e393bef3"), Map.entry("release", "shop@1.0, eu"),
        Map.entry("environment", "prod"), Map.entry("sample_rand", "0.250000"),
        Map.entry("transaction", "GET /orders"), Map.entry("sampled", "true"), Map.entry("custom_key", "v"));
    assertThat(context.baggage(null)).isEqualTo("sentry-trace_id=" + TRACE
        + ",sentry-public_key=49d0f7386ad645858ae85020e393bef3,sentry-release=shop@1.0%2C%20eu,"
        + "sentry-environment=prod,sentry-sample_rand=0.250000,sentry-transaction=GET%20/orders,"
        + "sentry-sampled=true,sentry-custom_key=v");
  }

  @Test
  void aContinuedSamplingContextWithoutSampleRandGetsOneFromTheTraceId() {
    String baggage = "sentry-trace_id=" + TRACE + ",sentry-public_key=k,sentry-sample_rate=0.25";
    PropagationContext sampled = PropagationContext.continueFrom(TRACE + "-" + SPAN + "-1", baggage);
    String rand = sampled.dynamicSamplingContext(null).get("sample_rand");
    assertThat(rand).matches("0\\.\\d{6}");
    assertThat(Double.parseDouble(rand)).isLessThan(0.25);
    assertThat(PropagationContext.continueFrom(TRACE + "-" + SPAN + "-1", baggage).dynamicSamplingContext(null))
        .as("the same for every service that backfills it").containsEntry("sample_rand", rand);
    String notSampled = PropagationContext.continueFrom(TRACE + "-" + SPAN + "-0", baggage)
        .dynamicSamplingContext(null).get("sample_rand");
    assertThat(Double.parseDouble(notSampled)).isGreaterThanOrEqualTo(0.25);
  }

  @Test
  void aTraceHeadedHereHasTheClientsValuesAndNoBaggageWithoutADsn() {
    PropagationContext context = PropagationContext.newTrace();
    assertThat(context.parentSpanId()).isNull();
    assertThat(context.traceContext()).containsOnlyKeys("trace_id", "span_id");
    Map<String, String> dsc = context.dynamicSamplingContext(
        new PropagationContext.TraceHead("publickey", "shop@1.4.2", "production"));
    assertThat(dsc).containsOnlyKeys("trace_id", "public_key", "release", "environment", "sample_rand");
    assertThat(dsc.get("trace_id")).isEqualTo(context.traceId());
    assertThat(dsc.get("sample_rand")).matches("0\\.\\d{6}");
    assertThat(context.baggage(null)).isEmpty();
    // A sentry-trace without baggage from an SDK that sends none: this process heads the context.
    PropagationContext continued = PropagationContext.continueFrom(TRACE + "-" + SPAN, "vendor=1");
    assertThat(continued.dynamicSamplingContext(new PropagationContext.TraceHead("k", null, "production")))
        .containsOnlyKeys("trace_id", "public_key", "environment", "sample_rand").containsEntry("trace_id", TRACE);
  }

  static Stream<Arguments> malformed() {
    String ok = TRACE + "-" + SPAN;
    return Stream.of(
        Arguments.of("empty", "", null),
        Arguments.of("a trace id one digit short", TRACE.substring(1) + "-" + SPAN, null),
        Arguments.of("a span id one digit long", ok + "0", null),
        Arguments.of("upper-case hex", TRACE.toUpperCase() + "-" + SPAN, null),
        Arguments.of("not hex", "g" + TRACE.substring(1) + "-" + SPAN, null),
        Arguments.of("an all-zero trace id", "0".repeat(32) + "-" + SPAN, null),
        Arguments.of("an all-zero span id", TRACE + "-" + "0".repeat(16), null),
        Arguments.of("a sampled flag of 2", ok + "-2", null),
        Arguments.of("a sampled flag without its dash", ok + "11", null),
        Arguments.of("10 KB of garbage", "x-".repeat(5_000), null),
        Arguments.of("two different sentry-traces", ok + "," + TRACE + "-" + "1".repeat(16), null),
        Arguments.of("a traceparent of version ff", "ff-" + TRACE + "-" + SPAN + "-01", null),
        Arguments.of("a traceparent 00 with more fields", "00-" + TRACE + "-" + SPAN + "-01-x", null),
        Arguments.of("a traceparent with bad flags", "00-" + TRACE + "-" + SPAN + "-0g", null),
        Arguments.of("a sentry key twice, two values", ok, "sentry-release=a,sentry-release=b"),
        Arguments.of("a sentry member without value", ok, "sentry-release"),
        Arguments.of("a sentry member with an empty key", ok, "sentry-=1"),
        Arguments.of("a bad percent escape", ok, "sentry-release=%zz"),
        Arguments.of("a truncated percent escape", ok, "sentry-release=a%2"),
        Arguments.of("bytes that are not UTF-8", ok, "sentry-release=%C3%28"),
        Arguments.of("a space inside a value", ok, "sentry-release=a b"),
        Arguments.of("a baggage trace id that is another", ok, "sentry-trace_id=" + "1".repeat(32)),
        Arguments.of("65 baggage members", ok, "k=v,".repeat(64) + "sentry-release=1"),
        Arguments.of("10 KB of baggage", ok, "sentry-release=" + "a".repeat(10_000)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void malformedHeadersStartANewTrace(String what, String sentryTrace, String baggage) {
    PropagationContext context = PropagationContext.continueFrom(sentryTrace, baggage);
    assertThat(context.traceId()).matches("[0-9a-f]{32}").isNotEqualTo(TRACE);
    assertThat(context.parentSpanId()).isNull();
    assertThat(context.dynamicSamplingContext(null)).isEmpty();
  }

  @Test
  void repeatedHeadersThatSayTheSameAreOneHeader() {
    String ok = TRACE + "-" + SPAN;
    assertThat(PropagationContext.continueFrom(ok + ", " + ok, "sentry-release=a, sentry-release=a").traceId())
        .isEqualTo(TRACE);
  }

  @Test
  void theParentProcessTraceComesFromTheEnvironment() {
    PropagationContext child = PropagationContext.fromEnvironment(Map.of(
        "SUBPROCESS_SENTRY_TRACE", TRACE + "-" + SPAN, "SUBPROCESS_BAGGAGE", "sentry-trace_id=" + TRACE));
    assertThat(child.traceId()).isEqualTo(TRACE);
    assertThat(child.parentSpanId()).isEqualTo(SPAN);
    assertThat(PropagationContext.fromEnvironment(Map.of()).parentSpanId()).isNull();
  }

  @Test
  void baggageValuesArePercentEncodedWhereTheGrammarNeedsIt() {
    assertThat(TraceHeaders.encode("a b,c;d\\e\"f%g=h@i/j:k")).isEqualTo("a%20b%2Cc%3Bd%5Ce%22f%25g=h@i/j:k");
    assertThat(TraceHeaders.encode("é€😀")).isEqualTo("%C3%A9%E2%82%AC%F0%9F%98%80");
    assertThat(TraceHeaders.decode("%C3%A9%e2%82%ac")).isEqualTo("é€");
  }

  @Test
  void anOutgoingBaggageStaysWithinTheW3cLimits() {
    Map<String, String> many = new java.util.LinkedHashMap<>();
    for (int i = 0; i < 100; i++) {
      many.put("k" + i, "v");
    }
    assertThat(TraceHeaders.baggage(many).split(",")).hasSize(64);
    String big = TraceHeaders.baggage(Map.of("a", "x".repeat(5000), "b", "y".repeat(5000)));
    assertThat(big.length()).isLessThanOrEqualTo(8192);
    assertThat(big).startsWith("sentry-");
  }
}
