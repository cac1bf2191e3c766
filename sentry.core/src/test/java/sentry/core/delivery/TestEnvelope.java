package sentry.core.delivery;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import sentry.api.DropReason;

/** An envelope with a fixed body that remembers whether, and why, it was dropped. */
final class TestEnvelope implements OutboundEnvelope {
  private final String category;
  private final byte[] body;
  private final boolean broken;
  private final String eventId;
  final List<DropReason> drops = new CopyOnWriteArrayList<>();
  private long size;
  private Runnable beforeWrite = () -> {};

  private TestEnvelope(String category, byte[] body, boolean broken, String eventId) {
    this.category = category;
    this.body = body;
    this.broken = broken;
    this.eventId = eventId;
  }

  static TestEnvelope of(String category, String body) {
    return new TestEnvelope(category, body.getBytes(StandardCharsets.UTF_8), false, "0123456789abcdef0123456789abcdef");
  }

  static TestEnvelope error(int number) {
    return error(number, "{}");
  }

  /** An event envelope with the given event payload; its id is {@code number} in 32 hex digits. */
  static TestEnvelope error(int number, String payload) {
    String id = id(number);
    byte[] event = payload.getBytes(StandardCharsets.UTF_8);
    return new TestEnvelope("error", ("{\"event_id\":\"" + id + "\",\"sent_at\":\"2030-01-02T03:04:05.678Z\"}\n"
        + "{\"type\":\"event\",\"length\":" + event.length + "}\n" + payload + "\n").getBytes(StandardCharsets.UTF_8),
        false, id);
  }

  static String id(int number) {
    return String.format("%032x", number);
  }

  /** An envelope whose serializer fails halfway, as a serializer bug would. */
  static TestEnvelope broken() {
    return new TestEnvelope("error", new byte[0], true, "0123456789abcdef0123456789abcdef");
  }

  /** The same envelope, running {@code hook} each time before it is written. */
  TestEnvelope beforeWrite(Runnable hook) {
    beforeWrite = hook;
    return this;
  }

  /** The same envelope, claiming to hold {@code bytes} in memory until it is serialized. */
  TestEnvelope holding(long bytes) {
    size = bytes;
    return this;
  }

  @Override
  public long sizeEstimate() {
    return size;
  }

  byte[] body() {
    return body.clone();
  }

  @Override
  public String eventId() {
    return eventId;
  }

  @Override
  public String category() {
    return category;
  }

  @Override
  public void writeTo(OutputStream out) throws IOException {
    beforeWrite.run();
    if (broken) {
      out.write('{');
      throw new IllegalStateException("serializer bug");
    }
    out.write(body);
  }

  @Override
  public void dropped(DropReason reason) {
    drops.add(reason);
  }
}
