package sentry.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import sentry.core.log.SdkLog;

/**
 * The trace a scope belongs to, as Python's SDK keeps it on its scopes: a trace id, this scope's
 * span id, the span of the service (or process) it was continued from, that service's sampling
 * decision, and the dynamic sampling context that came with it. Every event captured through the
 * scope carries its {@code contexts.trace}; outgoing requests carry its {@code sentry-trace} and
 * {@code baggage}; the event's envelope header carries its dynamic sampling context as {@code
 * trace}.
 *
 * <p>Immutable: a scope holds one by reference and replaces it whole; a capture reads it with one
 * volatile read and builds nothing (the {@code trace} context map is made once, here).
 */
final class PropagationContext {
  /** The environment variable a parent process puts its {@code sentry-trace} in. */
  static final String SUBPROCESS_SENTRY_TRACE = "SUBPROCESS_SENTRY_TRACE";
  /** The environment variable a parent process puts its {@code baggage} in. */
  static final String SUBPROCESS_BAGGAGE = "SUBPROCESS_BAGGAGE";

  private static final SdkLog LOG = SdkLog.get("sentry.core.trace");

  private final String traceId;
  private final String spanId;
  private final String parentSpanId;
  private final Boolean sampled;
  /** The incoming baggage's sentry- values; empty when this process heads the sampling context. */
  private final Map<String, String> incoming;
  private final String sampleRand;
  private final Map<String, Object> traceContext;

  private PropagationContext(String traceId, String parentSpanId, Boolean sampled, Map<String, String> incoming,
      String sampleRand) {
    this.traceId = traceId;
    this.spanId = TraceIds.newSpanId();
    this.parentSpanId = parentSpanId;
    this.sampled = sampled;
    this.incoming = incoming;
    this.sampleRand = sampleRand;
    Map<String, Object> context = new LinkedHashMap<>(4);
    context.put("trace_id", traceId);
    context.put("span_id", spanId);
    if (parentSpanId != null) {
      context.put("parent_span_id", parentSpanId);
    }
    this.traceContext = Collections.unmodifiableMap(context);
  }

  /**
   * Starts a new trace, headed here.
   *
   * @return the context
   */
  static PropagationContext newTrace() {
    return new PropagationContext(TraceIds.newTraceId(), null, null, Map.of(), TraceIds.newSampleRand());
  }

  /**
   * Continues the trace that incoming headers describe, or starts a new one when there is no
   * {@code sentry-trace} (or {@code traceparent}) or either header is malformed (see {@link
   * TraceHeaders}); a baggage whose {@code sentry-trace_id} is not the header's trace id is
   * malformed too. The incoming {@code sentry-} values become the trace's dynamic sampling
   * context unchanged, with a {@code sample_rand} added when they have no valid one. Never throws.
   *
   * @param sentryTrace the {@code sentry-trace} or {@code traceparent} value, or null
   * @param baggage the {@code baggage} value, or null
   * @return the context
   */
  static PropagationContext continueFrom(String sentryTrace, String baggage) {
    if (sentryTrace == null) {
      return newTrace();
    }
    try {
      TraceHeaders.Parent parent = TraceHeaders.parseTrace(sentryTrace);
      Map<String, String> dsc = parent == null ? null : TraceHeaders.parseBaggage(baggage);
      if (parent == null || dsc == null || dsc.containsKey("trace_id") && !dsc.get("trace_id").equals(parent.traceId())) {
        LOG.debug("starting a new trace: the incoming {} ({} characters) is malformed",
            parent == null ? "sentry-trace" : "baggage", parent == null ? sentryTrace.length() : baggage.length());
        return newTrace();
      }
      String rand = dsc.get("sample_rand");
      if (!TraceIds.isSampleRand(rand)) {
        rand = TraceIds.backfillSampleRand(parent.traceId(), parent.sampled(), dsc.get("sample_rate"));
        if (!dsc.isEmpty() && rand != null) {
          dsc.put("sample_rand", rand);
        }
      }
      return new PropagationContext(parent.traceId(), parent.spanId(), parent.sampled(),
          Collections.unmodifiableMap(dsc), rand != null ? rand : TraceIds.newSampleRand());
    } catch (RuntimeException e) {
      // The parsers do not throw; this keeps a bug in them from reaching the request.
      LOG.debug("starting a new trace: the incoming headers could not be read: {}", e.toString());
      return newTrace();
    }
  }

  /**
   * Continues the trace of a parent process that started this one through the {@code stdlib}
   * integration ({@value #SUBPROCESS_SENTRY_TRACE}, {@value #SUBPROCESS_BAGGAGE}), else starts a
   * new one.
   *
   * @param environment the process's environment
   * @return the context
   */
  static PropagationContext fromEnvironment(Map<String, String> environment) {
    String sentryTrace = environment.get(SUBPROCESS_SENTRY_TRACE);
    if (sentryTrace == null || sentryTrace.isBlank()) {
      return newTrace();
    }
    LOG.debug("continuing the parent process's trace from {}", SUBPROCESS_SENTRY_TRACE);
    return continueFrom(sentryTrace, environment.get(SUBPROCESS_BAGGAGE));
  }

  String traceId() {
    return traceId;
  }

  String spanId() {
    return spanId;
  }

  /** The sending span's id, or null for a trace that started here. */
  String parentSpanId() {
    return parentSpanId;
  }

  /**
   * Returns the event's {@code contexts.trace}: {@code trace_id}, {@code span_id} and, for a
   * continued trace, {@code parent_span_id}.
   *
   * @return the same unmodifiable map at every call
   */
  Map<String, Object> traceContext() {
    return traceContext;
  }

  /**
   * Returns the {@code sentry-trace} value for an outgoing request: {@code <trace_id>-<span_id>},
   * and the incoming sampling decision ({@code -1} or {@code -0}) when one came.
   *
   * @return the header value
   */
  String sentryTrace() {
    String head = traceId + "-" + spanId;
    return sampled == null ? head : head + (sampled ? "-1" : "-0");
  }

  /**
   * Returns the W3C {@code traceparent} value for an outgoing request: version {@code 00}, flags
   * {@code 01} when the incoming decision was to sample, else {@code 00}.
   *
   * @return the header value
   */
  String traceparent() {
    return "00-" + traceId + "-" + spanId + (Boolean.TRUE.equals(sampled) ? "-01" : "-00");
  }

  /**
   * Returns the dynamic sampling context: the incoming one, for a continued trace that came with
   * one; else {@code trace_id}, {@code public_key}, {@code release}, {@code environment} and
   * {@code sample_rand}, from the client that sends.
   *
   * @param head what the client puts in a sampling context it heads, or null when it sends nothing
   * @return the values by key, in order; empty when there is nothing to send
   */
  Map<String, String> dynamicSamplingContext(TraceHead head) {
    if (!incoming.isEmpty()) {
      return incoming;
    }
    if (head == null) {
      return Map.of();
    }
    Map<String, String> dsc = new LinkedHashMap<>(8);
    dsc.put("trace_id", traceId);
    dsc.put("public_key", head.publicKey());
    if (head.release() != null) {
      dsc.put("release", head.release());
    }
    if (head.environment() != null) {
      dsc.put("environment", head.environment());
    }
    dsc.put("sample_rand", sampleRand);
    return dsc;
  }

  /**
   * Returns the {@code baggage} value for an outgoing request: the dynamic sampling context as
   * {@code sentry-} members, within the W3C limits.
   *
   * @param head what the client puts in a sampling context it heads, or null
   * @return the header value; empty when there is nothing to send
   */
  String baggage(TraceHead head) {
    return TraceHeaders.baggage(dynamicSamplingContext(head));
  }

  @Override
  public String toString() {
    return "PropagationContext[" + sentryTrace() + (parentSpanId == null ? "" : ", parent " + parentSpanId)
        + (incoming.isEmpty() ? "" : ", incoming " + incoming.keySet()) + "]";
  }

  /**
   * What a client puts in a dynamic sampling context that it heads.
   *
   * @param publicKey the DSN's public key
   * @param release the release, or null
   * @param environment the environment, or null
   */
  record TraceHead(String publicKey, String release, String environment) {
    /** The values of a client that sends to a DSN. */
    static TraceHead of(Dsn dsn, sentry.api.SentryOptions options) {
      return new TraceHead(dsn.publicKey(), options.getRelease(), options.getEnvironment());
    }
  }
}
