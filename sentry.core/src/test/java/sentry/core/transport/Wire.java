package sentry.core.transport;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import sentry.core.json.JsonSupport;

/** An envelope as it went over the wire: gunzipped, its header and items parsed by their lengths. */
public record Wire(JsonNode header, List<Item> items) {
  public record Item(String type, JsonNode header, byte[] payload) {
    public JsonNode json() {
      return JsonSupport.parse(payload);
    }
  }

  public static Wire parse(byte[] gzipped) {
    return parseRaw(gunzip(gzipped));
  }

  public static Wire parseRaw(byte[] envelope) {
    int end = indexOf(envelope, 0);
    JsonNode header = JsonSupport.parse(Arrays.copyOfRange(envelope, 0, end));
    List<Item> items = new ArrayList<>();
    int at = end + 1;
    while (at < envelope.length) {
      int lineEnd = indexOf(envelope, at);
      JsonNode itemHeader = JsonSupport.parse(Arrays.copyOfRange(envelope, at, lineEnd));
      int length = itemHeader.path("length").asInt();
      byte[] payload = Arrays.copyOfRange(envelope, lineEnd + 1, lineEnd + 1 + length);
      items.add(new Item(itemHeader.path("type").asText(), itemHeader, payload));
      at = lineEnd + 1 + length + 1;
    }
    return new Wire(header, items);
  }

  public static byte[] gunzip(byte[] gzipped) {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int indexOf(byte[] bytes, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return bytes.length;
  }

  public String eventId() {
    return header.path("event_id").asText(null);
  }

  public List<String> types() {
    return items.stream().map(Item::type).toList();
  }

  /** The client report's counts by "reason/category", or empty when there is none. */
  public Map<String, Long> discarded() {
    Map<String, Long> counts = new TreeMap<>();
    for (Item item : items) {
      if (item.type().equals("client_report")) {
        for (JsonNode entry : item.json().path("discarded_events")) {
          counts.merge(entry.path("reason").asText() + "/" + entry.path("category").asText(),
              entry.path("quantity").asLong(), Long::sum);
        }
      }
    }
    return counts;
  }

  /** Adds up the client reports of several envelopes. */
  public static Map<String, Long> discarded(List<Wire> envelopes) {
    Map<String, Long> counts = new TreeMap<>();
    envelopes.forEach(wire -> wire.discarded().forEach((key, value) -> counts.merge(key, value, Long::sum)));
    return counts;
  }
}
