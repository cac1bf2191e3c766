package sentry.core.json;

import java.util.ArrayList;
import java.util.List;
import sentry.api.SentryEvent;
import sentry.api.SentryException;
import sentry.api.StackFrame;
import sentry.core.log.SdkLog;

/**
 * Writes an event as the JSON payload of an envelope's {@code event} item, valid against Relay's
 * event schema and at most {@value #MAX_EVENT_BYTES} bytes of valid UTF-8.
 *
 * <p>What it adds: the {@link EventDefaults}' sdk block, their contexts under the event's own (an
 * event's context replaces the default of the same name), their server name when the event has
 * none, {@code environment} {@code production} when the event has none, the time of writing when
 * it has no timestamp, and a {@code threads} entry for the capturing thread ({@code crashed} when
 * the capture was unhandled). {@code handled} is written on the captured exception only, and
 * frames left out are counted in its exception's {@code mechanism.data.frames_omitted} (the schema
 * has no key for that on the stack trace); frames carry no {@code native} key, which the schema
 * does not know either. Empty maps and lists are left out. Timestamps are
 * RFC 3339 strings in UTC with milliseconds, like the official SDK's; {@code event_id} is 32
 * lower-case hex digits without dashes, as Sentry's event schema asks (its {@code uuid} format,
 * which Relay reads as either form) and as every Sentry SDK sends it, the same as the envelope
 * header's. An event whose exceptions
 * were not yet described is described here with the given {@link ExceptionDescriber}, leaving the
 * event as it was. Values under keys its {@link EventScrubber} denies are written as {@value
 * EventScrubber#FILTERED}; a message event's capturing-thread stack ({@link CallerStack}) goes in
 * {@code threads.values[0].stacktrace}.
 *
 * <p>Limits: messages and other strings at most {@code maxValueLength} UTF-16 units (8192 unless
 * the option says otherwise), tag keys 32 and tag values 199,
 * a cut string ending in {@code "..."}; lone surrogates become U+FFFD. An event over the size
 * limit loses, in this order and only as much as needed: the oldest breadcrumbs, the largest
 * extra entries, the middle frames of each exception (down to 50, 20, then none), then everything
 * but what identifies the error, then string length. Each such cut is named in the event's
 * {@code errors} list as a {@code value_too_long} problem, which Sentry shows with the event.
 *
 * <p>Thread-safe: it holds no state between calls. {@link #serialize} does not throw for anything
 * an event may contain; application objects that throw or loop become marker strings.
 */
public final class EventSerializer {
  /** The largest event payload Sentry takes: 1 MiB. */
  public static final int MAX_EVENT_BYTES = 1024 * 1024;

  private static final SdkLog LOG = SdkLog.get("sentry.core.json.EventSerializer");

  private final EventDefaults defaults;
  private final ExceptionDescriber describer;
  private final int maxBytes;
  private final int maxValueLength;

  /**
   * Makes a serializer.
   *
   * @param defaults what every event gets where it has nothing of its own
   * @param describer describes an event's throwable when the event has not done so yet
   */
  public EventSerializer(EventDefaults defaults, ExceptionDescriber describer) {
    this(defaults, describer, MAX_EVENT_BYTES, Text.MAX_CHARS);
  }

  /**
   * Makes a serializer that cuts long strings at the {@code maxValueLength} option.
   *
   * @param defaults what every event gets where it has nothing of its own
   * @param describer describes an event's throwable when the event has not done so yet
   * @param maxValueLength the longest message, exception value or data string, at least 1
   * @return the serializer
   */
  public static EventSerializer cuttingAt(EventDefaults defaults, ExceptionDescriber describer, int maxValueLength) {
    return new EventSerializer(defaults, describer, MAX_EVENT_BYTES, maxValueLength);
  }

  /** Makes a serializer with another size limit, for tests. */
  EventSerializer(EventDefaults defaults, ExceptionDescriber describer, int maxBytes) {
    this(defaults, describer, maxBytes, Text.MAX_CHARS);
  }

  private EventSerializer(EventDefaults defaults, ExceptionDescriber describer, int maxBytes, int maxValueLength) {
    this.defaults = defaults;
    this.describer = describer;
    this.maxBytes = maxBytes;
    this.maxValueLength = maxValueLength;
  }

  /**
   * Writes an event.
   *
   * @param event the event; read, never changed
   * @return compact UTF-8 JSON of at most {@value #MAX_EVENT_BYTES} bytes
   */
  public byte[] serialize(SentryEvent event) {
    return serialize(event, null);
  }

  /**
   * Writes an event with the stack of the thread that captured it ({@code attachStacktrace}) in
   * {@code threads.values[0].stacktrace}, unless the event has exceptions.
   *
   * @param event the event; read, never changed
   * @param stack the capturing thread's stack, or null
   * @return compact UTF-8 JSON of at most {@value #MAX_EVENT_BYTES} bytes
   */
  public byte[] serialize(SentryEvent event, CallerStack stack) {
    List<SentryException> exceptions = exceptionsOf(event);
    List<StackFrame> threadFrames = exceptions.isEmpty() ? describer.describe(stack) : List.of();
    Shrinker shrinker = new Shrinker(event, exceptions, threadFrames, defaults, maxBytes, maxValueLength);
    byte[] json = shrinker.write();
    if (shrinker.cutAnything()) {
      LOG.debug("event {} was cut to {} bytes to fit {}", event.getEventId(), json.length, maxBytes);
    }
    if (json.length > maxBytes) {
      LOG.warn("event {} is still {} bytes with everything optional removed", event.getEventId(),
          json.length);
    }
    return json;
  }

  private List<SentryException> exceptionsOf(SentryEvent event) {
    // Described already when a callback could read the event; else here, with the client's describer.
    if (event.hasDescribedExceptions()) {
      return new ArrayList<>(event.getExceptions());
    }
    if (event.getThrowable() != null) {
      return describer.describe(event.getThrowable(), event.getMechanism(), event.getThreadId());
    }
    return List.of();
  }
}
