package sentry.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import sentry.api.Breadcrumb;
import sentry.api.Level;
import sentry.api.Message;
import sentry.api.SentryEvent;
import sentry.api.SentryException;
import sentry.api.StackFrame;
import sentry.api.User;

/**
 * Writes one event's JSON in one pass, leaving out what its {@link Cuts} say. Every key it writes
 * is one the event schema knows, in the {@code {"values": [...]}} forms it shows. Not
 * thread-safe; one instance per pass.
 */
final class EventWriter {
  private final JsonGenerator out;
  private final ValueWriter values;
  private final EventDefaults defaults;
  private final Cuts cuts;
  private final int maxBytes;

  EventWriter(
      JsonGenerator out, ByteArrayOutputStream bytes, EventDefaults defaults, Cuts cuts, int maxBytes) {
    this.out = out;
    this.defaults = defaults;
    this.cuts = cuts;
    this.maxBytes = maxBytes;
    // Past twice the limit the event will be cut anyway: stop growing it.
    this.values =
        new ValueWriter(out, () -> bytes.size() + out.getOutputBuffered(), 2L * maxBytes, cuts.maxChars(),
            defaults.scrubber());
  }

  /**
   * Writes the event.
   *
   * @param event the event
   * @param exceptions its exceptions, innermost cause first
   * @param threadFrames the capturing thread's frames, caller first; written only without exceptions
   */
  void event(SentryEvent event, List<SentryException> exceptions, List<StackFrame> threadFrames)
      throws IOException {
    out.writeStartObject();
    string("event_id", event.getEventId().value());
    Instant timestamp = event.getTimestamp();
    string("timestamp", Text.timestamp(timestamp == null ? Instant.now() : timestamp));
    string("platform", "java");
    Level level = event.getLevel();
    if (level != null) {
      string("level", level.protocolName());
    }
    string("logger", event.getLogger());
    logentry(event.getMessage());
    new ExceptionJson(out, cuts).exceptions(exceptions);
    threads(event, exceptions, threadFrames);
    string("release", event.getRelease());
    string("environment", event.getEnvironment() == null ? "production" : event.getEnvironment());
    string("dist", event.getDist());
    string("server_name", event.getServerName() == null ? defaults.serverName() : event.getServerName());
    string("transaction", event.getTransaction());
    RequestJson web = new RequestJson(out, values, cuts.maxChars());
    web.transactionInfo(event);
    if (!cuts.minimal) {
      web.request(event.getRequest());
      user(event.getUser());
      tags(event.getTags());
      extra(event.getExtra());
      contexts(event.getContexts());
      stringMap("modules", event.getModules());
    }
    if (!cuts.tiny) {
      fingerprint(event.getFingerprint());
    }
    if (!cuts.minimal) {
      breadcrumbs(event.getBreadcrumbs());
    }
    sdk(defaults.sdk());
    errors(event);
    if (!cuts.minimal) {
      web.meta(event.getRequest());
    }
    out.writeEndObject();
  }

  private void logentry(Message message) throws IOException {
    if (message == null) {
      return;
    }
    out.writeObjectFieldStart("logentry");
    string("message", message.template());
    if (!message.params().isEmpty() && !cuts.minimal) {
      out.writeArrayFieldStart("params");
      for (Object param : message.params()) {
        values.write(param, 0);
      }
      out.writeEndArray();
    }
    string("formatted", message.formatted());
    out.writeEndObject();
  }

  private void threads(SentryEvent event, List<SentryException> exceptions, List<StackFrame> frames)
      throws IOException {
    boolean crashed = false;
    boolean described = false;
    for (SentryException exception : exceptions) {
      if (exception != null && exception.parentId() == null && exception.mechanism() != null) {
        described = true;
        crashed |= !exception.mechanism().handled();
      }
    }
    if (!described && event.getMechanism() != null) {
      crashed = !event.getMechanism().handled();
    }
    out.writeObjectFieldStart("threads");
    out.writeArrayFieldStart("values");
    out.writeStartObject();
    out.writeNumberField("id", event.getThreadId());
    string("name", event.getThreadName());
    out.writeBooleanField("current", true);
    out.writeBooleanField("crashed", crashed);
    if (exceptions.isEmpty() && !frames.isEmpty()) {
      // attachStacktrace: a message event's stack, never an exception event's (Python's rule).
      new ExceptionJson(out, cuts).threadStacktrace(frames);
    }
    out.writeEndObject();
    out.writeEndArray();
    out.writeEndObject();
  }

  private void user(User user) throws IOException {
    if (user == null) {
      return;
    }
    out.writeObjectFieldStart("user");
    string("id", user.id());
    string("username", user.username());
    EventScrubber scrubber = defaults.scrubber();
    string("email", scrubber.isDenied("email") && user.email() != null ? EventScrubber.FILTERED : user.email());
    if (!scrubber.isDenied("ip_address")) {
      // As Python's scrubber, which pops a denylisted ip_address rather than filtering it.
      string("ip_address", user.ipAddress());
    }
    if (!user.data().isEmpty()) {
      out.writeObjectFieldStart("data");
      values.fields(new TreeMap<>(user.data()), 1);
      out.writeEndObject();
    }
    out.writeEndObject();
  }

  private void tags(Map<String, String> tags) throws IOException {
    if (tags.isEmpty()) {
      return;
    }
    out.writeObjectFieldStart("tags");
    Set<String> written = new HashSet<>();
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      if (tag.getKey() == null || tag.getValue() == null) {
        continue;
      }
      // Cutting can make two keys equal; a JSON object must not repeat a key, so the first wins.
      String key = Text.clean(tag.getKey(), Text.MAX_TAG_KEY);
      if (written.add(key)) {
        String value = defaults.scrubber().isDenied(tag.getKey()) ? EventScrubber.FILTERED : tag.getValue();
        out.writeStringField(key, Text.clean(value, Text.MAX_TAG_VALUE));
      }
    }
    out.writeEndObject();
  }

  private void extra(Map<String, Object> extra) throws IOException {
    Map<String, Object> kept = extra;
    if (!cuts.extrasDropped.isEmpty()) {
      kept = new LinkedHashMap<>(extra);
      kept.keySet().removeAll(cuts.extrasDropped);
    }
    if (kept.isEmpty()) {
      return;
    }
    out.writeObjectFieldStart("extra");
    values.fields(kept, 0);
    out.writeEndObject();
  }

  /**
   * Writes one extra entry on its own, to measure it.
   *
   * @param key the key
   * @param value the value
   */
  void extraEntry(String key, Object value) throws IOException {
    out.writeStartObject();
    out.writeFieldName(Text.clean(key, cuts.maxChars()));
    values.write(value, 0);
    out.writeEndObject();
  }

  private void contexts(Map<String, Map<String, Object>> own) throws IOException {
    // The defaults first, each replaced whole by the event's context of the same name.
    Map<String, Map<String, Object>> merged = new TreeMap<>(defaults.contexts());
    for (Map.Entry<String, Map<String, Object>> context : own.entrySet()) {
      if (context.getKey() != null && context.getValue() != null) {
        merged.put(context.getKey(), context.getValue());
      }
    }
    if (merged.isEmpty()) {
      return;
    }
    out.writeObjectFieldStart("contexts");
    Set<String> written = new HashSet<>();
    for (Map.Entry<String, Map<String, Object>> context : merged.entrySet()) {
      String name = Text.clean(context.getKey(), cuts.maxChars());
      if (written.add(name)) {
        out.writeObjectFieldStart(name);
        values.fields(context.getValue(), 1);
        out.writeEndObject();
      }
    }
    out.writeEndObject();
  }

  private void fingerprint(List<String> fingerprint) throws IOException {
    List<String> parts = new ArrayList<>(fingerprint.size());
    for (String part : fingerprint) {
      // The schema takes strings only: a null part would make the event invalid.
      if (part != null) {
        parts.add(Text.clean(part, cuts.maxChars()));
      }
    }
    if (parts.isEmpty()) {
      return;
    }
    out.writeArrayFieldStart("fingerprint");
    for (String part : parts) {
      out.writeString(part);
    }
    out.writeEndArray();
  }

  private void breadcrumbs(List<Breadcrumb> breadcrumbs) throws IOException {
    int skip = cuts.breadcrumbsDropped;
    if (breadcrumbs.size() <= skip) {
      return;
    }
    out.writeObjectFieldStart("breadcrumbs");
    out.writeArrayFieldStart("values");
    for (Breadcrumb breadcrumb : breadcrumbs.subList(skip, breadcrumbs.size())) {
      if (breadcrumb != null) {
        breadcrumb(breadcrumb);
      }
    }
    out.writeEndArray();
    out.writeEndObject();
  }

  /**
   * Writes one breadcrumb object.
   *
   * @param breadcrumb the breadcrumb
   */
  void breadcrumb(Breadcrumb breadcrumb) throws IOException {
    out.writeStartObject();
    if (breadcrumb.getTimestamp() != null) {
      string("timestamp", Text.timestamp(breadcrumb.getTimestamp()));
    }
    string("type", breadcrumb.getType() == null ? "default" : breadcrumb.getType());
    string("category", breadcrumb.getCategory());
    string("message", breadcrumb.getMessage());
    if (breadcrumb.getLevel() != null) {
      string("level", breadcrumb.getLevel().protocolName());
    }
    if (breadcrumb.hasData()) {
      out.writeObjectFieldStart("data");
      values.fields(breadcrumb.getData(), 0);
      out.writeEndObject();
    }
    out.writeEndObject();
  }

  private void sdk(SdkInfo sdk) throws IOException {
    out.writeObjectFieldStart("sdk");
    string("name", sdk.name());
    string("version", sdk.version());
    if (!sdk.integrations().isEmpty()) {
      out.writeArrayFieldStart("integrations");
      for (String integration : sdk.integrations()) {
        out.writeString(Text.clean(integration, cuts.maxChars()));
      }
      out.writeEndArray();
    }
    if (!sdk.packages().isEmpty()) {
      out.writeArrayFieldStart("packages");
      for (SdkInfo.SdkPackage pkg : sdk.packages()) {
        out.writeStartObject();
        string("name", pkg.name());
        string("version", pkg.version());
        out.writeEndObject();
      }
      out.writeEndArray();
    }
    out.writeEndObject();
  }

  /** Says in the event what was left out: Sentry shows {@code errors} as processing problems. */
  private void errors(SentryEvent event) throws IOException {
    if (!cuts.any()) {
      return;
    }
    String limit = " to keep the event under " + maxBytes + " bytes";
    out.writeArrayFieldStart("errors");
    if (cuts.breadcrumbsDropped > 0 && !cuts.minimal) {
      error("breadcrumbs", "removed the " + cuts.breadcrumbsDropped + " oldest of "
          + event.getBreadcrumbs().size() + " breadcrumbs" + limit);
    }
    if (!cuts.extrasDropped.isEmpty() && !cuts.minimal) {
      error("extra", "removed " + cuts.extrasDropped.size() + " entries" + limit + ": "
          + String.join(", ", cuts.extrasDropped));
    }
    if (cuts.frameWindow != Integer.MAX_VALUE) {
      error("exception", "kept at most " + cuts.frameWindow + " frames per exception" + limit
          + " (see mechanism.data.frames_omitted)");
    }
    if (cuts.minimal) {
      error("event", "removed user, tags, extra, contexts, modules, breadcrumbs and log parameters" + limit);
    }
    if (cuts.tiny) {
      error("event", "cut strings to " + Cuts.TINY_CHARS + " characters and removed the fingerprint" + limit);
    }
    out.writeEndArray();
  }

  private void error(String name, String value) throws IOException {
    out.writeStartObject();
    out.writeStringField("type", "value_too_long");
    out.writeStringField("name", name);
    out.writeStringField("value", Text.clean(value, 1024));
    out.writeEndObject();
  }

  private void stringMap(String field, Map<String, String> map) throws IOException {
    if (map.isEmpty()) {
      return;
    }
    out.writeObjectFieldStart(field);
    values.unscrubbedFields(map, 1);
    out.writeEndObject();
  }

  /** Writes a string field; {@code field} is one of this class's literal keys. */
  private void string(String field, String value) throws IOException {
    if (value != null) {
      SerializableString key = EncodedStrings.SHARED.of(field);
      if (key != null) {
        out.writeFieldName(key);
      } else {
        out.writeFieldName(field);
      }
      out.writeString(Text.clean(value, cuts.maxChars()));
    }
  }
}
