package sentry.integration.stdlib.probe;

import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import sentry.api.Hub;
import sentry.api.Sentry;
import sentry.integration.stdlib.SentryHttp;
import sentry.integration.stdlib.SentryProcess;
import sentry.integration.stdlib.StdlibIntegration;

/**
 * Uses every entry point that does not need HttpClient 5, with the real SDK, and reports what it
 * saw. Run where HttpClient 5 is absent; it must touch nothing of this JDK and the SDK besides.
 */
public final class Probe {
  private Probe() {}

  /**
   * Runs the probe.
   *
   * @param args the DSN, then a URL that answers 200
   */
  public static void main(String[] args) throws Exception {
    run(args[0], args[1]).forEach(System.out::println);
  }

  /** Initialises the SDK, makes one request per JDK client and starts {@code true}; returns what happened. */
  public static List<String> run(String dsn, String url) throws Exception {
    List<String> crumbs = new CopyOnWriteArrayList<>();
    Sentry.init(options -> {
      options.setDsn(dsn);
      options.setBeforeBreadcrumb((crumb, hint) -> {
        crumbs.add(crumb.getType() + " " + crumb.getCategory() + " "
            + crumb.getData().getOrDefault("http.response.status_code", crumb.getMessage()));
        return crumb;
      });
    });
    try {
      List<String> seen = new ArrayList<>();
      seen.add("stdlib installed: " + Hub.current().client().integration(StdlibIntegration.class).isPresent());
      HttpClient http = SentryHttp.wrap(HttpClient.newHttpClient());
      seen.add("jdk status: " + http.send(HttpRequest.newBuilder(URI.create(url)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode());
      HttpURLConnection connection = SentryHttp.open(new URL(url));
      seen.add("connection status: " + connection.getResponseCode());
      connection.disconnect();
      seen.add("true exited: " + SentryProcess.start(new ProcessBuilder("true")).waitFor());
      seen.addAll(crumbs);
      return seen;
    } finally {
      Sentry.flush(Duration.ofSeconds(5));
      Sentry.close();
    }
  }
}
