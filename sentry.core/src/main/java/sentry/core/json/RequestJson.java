package sentry.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Map;
import sentry.api.Request;
import sentry.api.SentryEvent;

/**
 * Writes the web parts of an event: {@code request}, {@code transaction_info} and, when a request
 * body was left out for its size, the {@code _meta} note that says so (Relay's {@code !config}
 * removal rule, as the Python SDK writes it). Not thread-safe; one instance per pass.
 */
final class RequestJson {
  private final JsonGenerator out;
  private final ValueWriter values;
  private final int maxChars;

  RequestJson(JsonGenerator out, ValueWriter values, int maxChars) {
    this.out = out;
    this.values = values;
    this.maxChars = maxChars;
  }

  /** Writes {@code transaction_info} when the event's transaction has a source. */
  void transactionInfo(SentryEvent event) throws IOException {
    if (event.getTransaction() != null && event.getTransactionSource() != null) {
      out.writeObjectFieldStart("transaction_info");
      out.writeStringField("source", Text.clean(event.getTransactionSource(), maxChars));
      out.writeEndObject();
    }
  }

  /** Writes {@code request}; nothing when the event has none. */
  void request(Request request) throws IOException {
    if (request == null) {
      return;
    }
    out.writeObjectFieldStart("request");
    string("url", request.url());
    string("method", request.method());
    string("query_string", request.queryString());
    map("headers", request.headers());
    map("cookies", request.cookies());
    map("env", request.env());
    if (request.data() != null) {
      out.writeFieldName("data");
      values.write(request.data(), 1);
    }
    out.writeEndObject();
  }

  /** Writes {@code _meta} for a body left out; nothing otherwise. */
  void meta(Request request) throws IOException {
    if (request == null || !request.dataOverSizeLimit()) {
      return;
    }
    out.writeObjectFieldStart("_meta");
    out.writeObjectFieldStart("request");
    out.writeObjectFieldStart("data");
    out.writeObjectFieldStart("");
    out.writeArrayFieldStart("rem");
    out.writeStartArray();
    out.writeString("!config");
    out.writeString("x");
    out.writeEndArray();
    out.writeEndArray();
    out.writeEndObject();
    out.writeEndObject();
    out.writeEndObject();
    out.writeEndObject();
  }

  private void map(String field, Map<String, String> map) throws IOException {
    if (map.isEmpty()) {
      return;
    }
    out.writeObjectFieldStart(field);
    values.fields(map, 1);
    out.writeEndObject();
  }

  private void string(String field, String value) throws IOException {
    if (value != null) {
      out.writeStringField(field, Text.clean(value, maxChars));
    }
  }
}
