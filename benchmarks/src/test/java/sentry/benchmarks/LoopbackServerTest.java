package sentry.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class LoopbackServerTest {
  private static final String OURS = """
      {"event_id":"67d1bb91e9474e2c9fb9062a7783a3d4","sdk":{"name":"sentry.java.modular"}}
      {"type":"event","content_type":"application/json","length":26}
      {"message":"type\\":\\"event"}
      {"type":"client_report","content_type":"application/json","length":2}
      {}
      """;
  private static final String OFFICIAL = """
      {"event_id":"0534c972161c4a61bdcc68071712cac0"}
      {"content_type":"application/json","type":"event","length":2}
      {}
      """;

  @Test
  void countsEventItemsByTheirHeadersNotTheirPayloads() {
    assertThat(LoopbackServer.countEvents(bytes(OURS))).isEqualTo(1);
    assertThat(LoopbackServer.countEvents(bytes(OFFICIAL))).isEqualTo(1);
  }

  @Test
  void readsItemsWithoutLengthUpToTheNewline() {
    String envelope = "{}\n{\"type\":\"event\"}\n{\"a\":1}\n{\"type\":\"event\"}\n{\"b\":2}\n";
    assertThat(LoopbackServer.countEvents(bytes(envelope))).isEqualTo(2);
  }

  @Test
  void countsWhatArrivesGzippedAndAnswers200() throws Exception {
    try (LoopbackServer server = LoopbackServer.fast()) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      try (OutputStream gzip = new GZIPOutputStream(body)) {
        gzip.write(bytes(OURS));
      }
      URI uri = URI.create("http://127.0.0.1:" + URI.create(server.dsn().replaceFirst("//[^@]*@", "//")).getPort()
          + "/api/42/envelope/");
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
          .header("Content-Encoding", "gzip")
          .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(server.events()).isEqualTo(1);
      assertThat(server.envelopeBytes()).isEqualTo(bytes(OURS).length);
      assertThat(server.wireBytes()).isEqualTo(body.size());
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
