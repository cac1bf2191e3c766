package sentry.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.util.List;
import sentry.api.Mechanism;
import sentry.api.SentryException;
import sentry.api.StackFrame;

/**
 * Writes an event's {@code exception} block. Two choices live here: {@code handled} is written on
 * the captured exception only (the one without a parent), as the official Java SDK does; and
 * frames left out, by the describer or to fit the size limit, are counted in the exception's
 * {@code mechanism.data.frames_omitted}, because the schema has no key for it on the stack trace.
 * Not thread-safe.
 */
final class ExceptionJson {
  // A frame's keys, encoded once: a hundred frames an event made writing them the largest cost.
  private static final SerializableString FILENAME = new SerializedString("filename");
  private static final SerializableString FUNCTION = new SerializedString("function");
  private static final SerializableString MODULE = new SerializedString("module");
  private static final SerializableString LINENO = new SerializedString("lineno");
  private static final SerializableString IN_APP = new SerializedString("in_app");
  private static final SerializableString PACKAGE = new SerializedString("package");

  private final JsonGenerator out;
  private final Cuts cuts;

  ExceptionJson(JsonGenerator out, Cuts cuts) {
    this.out = out;
    this.cuts = cuts;
  }

  /**
   * Writes the {@code exception} field, unless there are no exceptions.
   *
   * @param exceptions innermost cause first; null entries are skipped
   */
  void exceptions(List<SentryException> exceptions) throws IOException {
    if (exceptions.isEmpty()) {
      return;
    }
    out.writeObjectFieldStart("exception");
    out.writeArrayFieldStart("values");
    for (SentryException exception : exceptions) {
      if (exception != null) {
        exception(exception);
      }
    }
    out.writeEndArray();
    out.writeEndObject();
  }

  private void exception(SentryException exception) throws IOException {
    List<StackFrame> frames = exception.frames();
    int window = cuts.frameWindow;
    int cut = Math.max(0, frames.size() - window);
    out.writeStartObject();
    string("type", exception.type());
    string("value", exception.value());
    string("module", exception.module());
    if (exception.threadId() >= 0) {
      out.writeNumberField("thread_id", exception.threadId());
    }
    if (cut < frames.size()) {
      int head = (frames.size() - cut) / 2;
      stacktrace(frames.subList(0, head), frames.subList(head + cut, frames.size()));
    }
    mechanism(exception, exception.framesOmitted() + cut);
    out.writeEndObject();
  }

  /**
   * Writes a {@code stacktrace} field of a thread, the middle frames cut as an exception's are.
   *
   * @param frames caller first; nothing is written when empty
   */
  void threadStacktrace(List<StackFrame> frames) throws IOException {
    int cut = Math.max(0, frames.size() - cuts.frameWindow);
    if (cut < frames.size()) {
      int head = (frames.size() - cut) / 2;
      stacktrace(frames.subList(0, head), frames.subList(head + cut, frames.size()));
    }
  }

  private void stacktrace(List<StackFrame> head, List<StackFrame> tail) throws IOException {
    out.writeObjectFieldStart("stacktrace");
    out.writeArrayFieldStart("frames");
    for (StackFrame frame : head) {
      frame(frame);
    }
    for (StackFrame frame : tail) {
      frame(frame);
    }
    out.writeEndArray();
    out.writeEndObject();
  }

  private void frame(StackFrame frame) throws IOException {
    if (frame == null) {
      return;
    }
    // No "native" key: the schema's frame has none (the official SDK's "native": false is an
    // unknown key Relay drops). A native method shows as a frame without file or line.
    out.writeStartObject();
    string(FILENAME, frame.filename());
    string(FUNCTION, frame.function());
    string(MODULE, frame.module());
    Integer lineno = frame.lineno();
    if (lineno != null && lineno >= 0) {
      out.writeFieldName(LINENO);
      out.writeNumber(lineno.intValue());
    }
    out.writeFieldName(IN_APP);
    out.writeBoolean(frame.inApp());
    string(PACKAGE, frame.pkg());
    out.writeEndObject();
  }

  private void mechanism(SentryException exception, int framesOmitted) throws IOException {
    Mechanism mechanism = exception.mechanism();
    if (mechanism == null) {
      return;
    }
    out.writeObjectFieldStart("mechanism");
    string("type", mechanism.type());
    if (exception.parentId() == null) {
      out.writeBooleanField("handled", mechanism.handled());
    }
    if (exception.exceptionId() >= 0) {
      out.writeNumberField("exception_id", exception.exceptionId());
    }
    if (exception.parentId() != null && exception.parentId() >= 0) {
      out.writeNumberField("parent_id", exception.parentId().intValue());
    }
    if (framesOmitted > 0) {
      out.writeObjectFieldStart("data");
      out.writeNumberField("frames_omitted", framesOmitted);
      out.writeEndObject();
    }
    out.writeEndObject();
  }

  private void string(SerializableString field, String value) throws IOException {
    if (value != null) {
      out.writeFieldName(field);
      int max = cuts.maxChars();
      // Not cut and clean already: encoded once for every frame that names it.
      SerializableString encoded = value.length() <= max ? EncodedStrings.SHARED.of(value) : null;
      if (encoded != null) {
        out.writeString(encoded);
      } else {
        out.writeString(Text.clean(value, max));
      }
    }
  }

  private void string(String field, String value) throws IOException {
    if (value != null) {
      out.writeStringField(field, Text.clean(value, cuts.maxChars()));
    }
  }
}
