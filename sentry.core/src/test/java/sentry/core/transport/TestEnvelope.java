package sentry.core.transport;

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
  final List<DropReason> drops = new CopyOnWriteArrayList<>();

  private TestEnvelope(String category, byte[] body, boolean broken) {
    this.category = category;
    this.body = body;
    this.broken = broken;
  }

  static TestEnvelope of(String category, String body) {
    return new TestEnvelope(category, body.getBytes(StandardCharsets.UTF_8), false);
  }

  static TestEnvelope error(int number) {
    return of("error", "{\"event_id\":\"" + String.format("%032x", number) + "\"}\n"
        + "{\"type\":\"event\",\"length\":2}\n{}\n");
  }

  /** An envelope whose serializer fails halfway, as a serializer bug would. */
  static TestEnvelope broken() {
    return new TestEnvelope("error", new byte[0], true);
  }

  byte[] body() {
    return body.clone();
  }

  @Override
  public String eventId() {
    return "0123456789abcdef0123456789abcdef";
  }

  @Override
  public String category() {
    return category;
  }

  @Override
  public void writeTo(OutputStream out) throws IOException {
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
