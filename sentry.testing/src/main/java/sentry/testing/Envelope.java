package sentry.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An envelope as it went over the wire, parsed strictly: a header line, then per item a header line
 * with {@code type} and {@code length}, exactly {@code length} bytes of payload and a {@code \n}
 * (which may be left off after the last item). Any deviation fails the parse with the offset.
 *
 * @param header the envelope header
 * @param items the items in order
 */
public record Envelope(JsonNode header, List<Item> items) {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

  /**
   * Makes an envelope.
   *
   * @param header the envelope header
   * @param items the items in order, copied
   */
  public Envelope {
    items = List.copyOf(items);
  }

  /**
   * One item.
   *
   * @param header its header, with {@code type} and {@code length}
   * @param payload its payload bytes
   */
  public record Item(JsonNode header, byte[] payload) {
    /**
     * Returns the item type.
     *
     * @return the {@code type} of the item header
     */
    public String type() {
      return header.path("type").asText(null);
    }

    /**
     * Parses the payload as JSON, strictly: one value, no duplicate keys.
     *
     * @return the payload
     * @throws AssertionError when the payload is not one JSON value
     */
    public JsonNode json() {
      return Envelope.json(payload, "payload of the " + type() + " item");
    }

    /**
     * Returns the payload as UTF-8 text, exactly as sent.
     *
     * @return the payload text
     */
    public String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  /**
   * Returns the JSON of every event item.
   *
   * @return the events, in order
   */
  public List<JsonNode> events() {
    return eventItems().stream().map(Item::json).toList();
  }

  /**
   * Returns the payload of every event item as text, exactly as the SDK wrote it.
   *
   * @return the event payloads, in order
   */
  public List<String> eventTexts() {
    return eventItems().stream().map(Item::text).toList();
  }

  private List<Item> eventItems() {
    return items.stream().filter(i -> "event".equals(i.type())).toList();
  }

  /**
   * Parses an envelope.
   *
   * @param bytes the decoded body
   * @return the envelope
   * @throws AssertionError when it is not a well-formed envelope
   */
  public static Envelope parse(byte[] bytes) {
    for (byte b : bytes) {
      if (b == '\r') {
        throw new AssertionError("envelope contains \\r: lines must end in \\n only");
      }
    }
    int headerEnd = indexOf(bytes, 0);
    if (headerEnd < 0) {
      throw new AssertionError("envelope has no header line ended by \\n: " + preview(bytes, 0));
    }
    JsonNode header = json(Arrays.copyOfRange(bytes, 0, headerEnd), "envelope header");
    if (!header.isObject()) {
      throw new AssertionError("envelope header is not a JSON object: " + header);
    }
    List<Item> items = new ArrayList<>();
    int at = headerEnd + 1;
    while (at < bytes.length) {
      int lineEnd = indexOf(bytes, at);
      if (lineEnd < 0) {
        throw new AssertionError("item header at byte " + at + " is not ended by \\n: " + preview(bytes, at));
      }
      JsonNode itemHeader = json(Arrays.copyOfRange(bytes, at, lineEnd), "item header at byte " + at);
      if (!itemHeader.path("type").isTextual()) {
        throw new AssertionError("item header at byte " + at + " has no type: " + itemHeader);
      }
      if (!itemHeader.path("length").canConvertToExactIntegral()) {
        throw new AssertionError("item header at byte " + at + " has no integer length: " + itemHeader);
      }
      int length = itemHeader.path("length").intValue();
      int start = lineEnd + 1;
      int end = start + length;
      if (length < 0 || end > bytes.length) {
        throw new AssertionError("item header " + itemHeader + " claims " + length + " bytes, but only "
            + (bytes.length - start) + " follow");
      }
      if (end < bytes.length && bytes[end] != '\n') {
        throw new AssertionError("the payload of " + itemHeader + " is not followed by \\n after "
            + length + " bytes: the length does not match the payload; next: " + preview(bytes, end));
      }
      items.add(new Item(itemHeader, Arrays.copyOfRange(bytes, start, end)));
      at = end + 1;
    }
    return new Envelope(header, items);
  }

  /**
   * Parses JSON strictly: one value, nothing after it, no duplicate keys.
   *
   * @param bytes the JSON text, UTF-8
   * @param what what the text is, for the failure message
   * @return the value
   * @throws AssertionError when the bytes are not one JSON value
   */
  public static JsonNode json(byte[] bytes, String what) {
    try {
      return JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new AssertionError(what + " is not one JSON value: " + e.getOriginalMessage()
          + "\n" + new String(bytes, StandardCharsets.UTF_8), e);
    } catch (IOException e) {
      throw new AssertionError(what + " cannot be read", e);
    }
  }

  private static int indexOf(byte[] bytes, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static String preview(byte[] bytes, int from) {
    int to = Math.min(bytes.length, from + 200);
    return new String(bytes, from, to - from, StandardCharsets.UTF_8);
  }
}
